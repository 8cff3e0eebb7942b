using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// Where the DynamoDBContext a save or delete goes through was created, and whether that creation turned the
    /// version check off for the whole context (<c>DynamoDBContextConfig { SkipVersionCheck = true }</c>, or
    /// <c>new DynamoDBContextBuilder().ConfigureContext(c => c.SkipVersionCheck = true)</c>).
    /// <para>
    /// Followed: a local created in the method; a field or property of the class assigned once, in a constructor or an
    /// initializer, from a creation; and a context injected through the constructor when the compilation creates
    /// exactly one context (in a DI registration or a factory), which is then the one injected.
    /// Not followed (silent): contexts passed as method parameters, assigned in several places, created in another
    /// project, or when the compilation creates several contexts.
    /// </para>
    /// </summary>
    internal sealed class ContextOrigins
    {
        private readonly DynamoDbModel _model;
        private readonly Compilation _compilation;
        private readonly SourceMethods _methods;
        // Lazy values: callbacks run concurrently, and each of these walks a whole type or the whole compilation once.
        // They keep the setting's syntax, not its operation: an operation keeps its document's semantic model alive.
        private readonly ConcurrentDictionary<ISymbol, System.Lazy<SyntaxNode?>> _memberSettings = new ConcurrentDictionary<ISymbol, System.Lazy<SyntaxNode?>>(SymbolEqualityComparer.Default);
        private readonly System.Func<ISymbol, System.Lazy<SyntaxNode?>> _createMemberSetting;
        private readonly System.Lazy<SyntaxNode?> _onlyCreationSetting;

        public ContextOrigins(DynamoDbModel model, Compilation compilation, SourceMethods methods)
        {
            _model = model;
            _compilation = compilation;
            _methods = methods;
            _createMemberSetting = member => new System.Lazy<SyntaxNode?>(() => FromMember(member), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            _onlyCreationSetting = new System.Lazy<SyntaxNode?>(() => FindOnlyCreationSetting()?.Syntax, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// The syntax of the <c>SkipVersionCheck = true</c> assignment that configured the context
        /// <paramref name="instance"/> refers to, or null when the context keeps the check on or its origin is not known.
        /// </summary>
        public SyntaxNode? FindSkipSetting(IOperation? instance)
        {
            var current = instance?.WalkDownConversions();
            switch (current)
            {
                case ILocalReferenceOperation local:
                    return ValueResolver.FindSingleInitializer(local.Local, current.GetRoot()) is { } initializer ? FromCreation(initializer, null) : null;
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                    return _memberSettings.GetOrAdd(field.Field, _createMemberSetting).Value;
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property.IsIndexer: false } property:
                    return _memberSettings.GetOrAdd(property.Property, _createMemberSetting).Value;
                default:
                    return null;
            }
        }

        /// <summary>The setting of the context a member holds: its single assignment in a constructor or initializer.</summary>
        private SyntaxNode? FromMember(ISymbol member)
        {
            if (member is IPropertySymbol { SetMethod: null } && member.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            var type = member.ContainingType;
            if (type is null || member.DeclaringSyntaxReferences.IsEmpty)
            {
                return null;
            }

            IOperation? assigned = null;
            var count = 0;

            // Initializer: private readonly IDynamoDBContext _context = new DynamoDBContext(...);
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                var initializer = syntax switch
                {
                    VariableDeclaratorSyntax { Initializer: { } value } => value.Value,
                    PropertyDeclarationSyntax { Initializer: { } value } => value.Value,
                    _ => null,
                };
                if (initializer is not null && GetOperation(initializer) is { } operation)
                {
                    assigned = operation;
                    count++;
                }
            }

            // Assignments in the type's constructors (an assignment anywhere else makes the origin unknown), found by
            // the member's name in the type's text first; only the assignments themselves are bound.
            foreach (var declaration in type.DeclaringSyntaxReferences)
            {
                foreach (var name in SourceTextSearch.FindSimpleNames(declaration.SyntaxTree, declaration.Span, member.Name, default))
                {
                    if (GetAssignment(name) is not { } assignmentSyntax)
                    {
                        continue;
                    }

                    if (!IsInConstructor(assignmentSyntax)
                        || GetOperation(assignmentSyntax) is not ISimpleAssignmentOperation assignment
                        || !IsMember(assignment.Target, member))
                    {
                        return null;
                    }

                    assigned = assignment.Value;
                    count++;
                }
            }

            return count == 1 && assigned is not null ? FromCreation(assigned, assigned) : null;
        }


        /// <summary>The assignment whose target is <paramref name="name"/> or <c>this.</c><paramref name="name"/>, or null.</summary>
        private static AssignmentExpressionSyntax? GetAssignment(SimpleNameSyntax name)
            => name switch
            {
                { Parent: AssignmentExpressionSyntax assignment } when assignment.Left == name => assignment,
                { Parent: MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Parent: AssignmentExpressionSyntax assignment } access }
                    when access.Name == name && assignment.Left == access => assignment,
                _ => null,
            };

        private static bool IsInConstructor(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case ConstructorDeclarationSyntax:
                        return true;
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool IsMember(IOperation target, ISymbol member)
            => target switch
            {
                IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, member),
                IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, member),
                _ => false,
            };

        private IOperation? GetOperation(SyntaxNode node)
        {
            // The semantic model of the member's tree, shared with the method summaries.
            return _methods.GetOperation(node);
        }

        /// <summary>The setting a context value carries: a creation, a builder chain, or an injected constructor parameter.</summary>
        private SyntaxNode? FromCreation(IOperation value, IOperation? assignedInConstructor)
        {
            var current = ValueResolver.Resolve(value);
            if (current is ICoalesceOperation coalesce)
            {
                current = ValueResolver.Resolve(coalesce.Value);
            }

            switch (current)
            {
                case IObjectCreationOperation creation when IsContextType(creation.Type):
                    return FromContextCreation(creation)?.Syntax;
                case IInvocationOperation { TargetMethod.Name: "Build" } build when IsBuilder(build.TargetMethod.ContainingType):
                    return FromBuilder(build)?.Syntax;
                case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } } when assignedInConstructor is not null:
                    return _onlyCreationSetting.Value;
                default:
                    return null;
            }
        }

        private bool IsContextType(ITypeSymbol? type)
            => type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _model.DynamoDBContext);

        private static bool IsBuilder(INamedTypeSymbol? type)
            => type?.Name is "DynamoDBContextBuilder" or "IDynamoDBContextBuilder" && type.ContainingNamespace?.Name == "DataModel";

        /// <summary><c>new DynamoDBContext(client, config)</c>: the config's <c>SkipVersionCheck = true</c>, when set to the constant true.</summary>
        private IOperation? FromContextCreation(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || !_model.IsContextWideConfig(argument.Parameter?.Type))
                {
                    continue;
                }

                var config = ObjectBuildUp.TryCreate(argument.Value);
                if (config is null)
                {
                    return null;
                }

                IOperation? found = null;
                foreach (var assignment in config.AssignmentsTo(_model.IsSkipVersionCheck))
                {
                    if (!assignment.Value.IsConstantTrue())
                    {
                        return null;
                    }

                    found ??= assignment;
                }

                return found;
            }

            return null;
        }

        /// <summary><c>new DynamoDBContextBuilder().ConfigureContext(c => c.SkipVersionCheck = true)...Build()</c>.</summary>
        private IOperation? FromBuilder(IInvocationOperation build)
        {
            IOperation? found = null;
            for (var call = build.Instance?.WalkDownConversions() as IInvocationOperation; call is not null; call = call.Instance?.WalkDownConversions() as IInvocationOperation)
            {
                if (call.TargetMethod.Name != "ConfigureContext" || call.Arguments.Length != 1)
                {
                    continue;
                }

                if (call.Arguments[0].Value.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
                {
                    return null;
                }

                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } } assignment
                        && _model.IsSkipVersionCheck(property))
                    {
                        if (!assignment.Value.IsConstantTrue())
                        {
                            return null;
                        }

                        found ??= assignment;
                    }
                }
            }

            return found;
        }

        /// <summary>
        /// For an injected context: the setting of the only context the compilation creates (a <c>new DynamoDBContext</c>
        /// or a builder's <c>Build()</c>), or null when it creates none or several.
        /// </summary>
        private IOperation? FindOnlyCreationSetting()
        {
            // On syntax first, in the files whose words can spell a creation: a second creation ends the search before
            // anything is bound.
            SyntaxNode? candidate = null;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var words = SourceTextSearch.GetWords(tree, CancellationToken.None);
                if (!words.MayContain("DynamoDBContext") && !words.MayContain("DynamoDBContextBuilder")
                    && !words.MayContain("ConfigureContext") && !words.MayContain("WithDynamoDBClient"))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    var isCandidate = node switch
                    {
                        ObjectCreationExpressionSyntax { Type: var type } => IsContextName(type),
                        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build", Expression: var receiver } } => IsBuilderChain(receiver),
                        _ => false,
                    };
                    if (!isCandidate)
                    {
                        continue;
                    }

                    if (candidate is not null)
                    {
                        return null;
                    }

                    candidate = node;
                }
            }

            IOperation? setting = null;
            switch (candidate is null ? null : _methods.GetOperation(candidate))
            {
                case IObjectCreationOperation creation when IsContextType(creation.Type):
                    setting = FromContextCreation(creation);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Build" } build when IsBuilder(build.TargetMethod.ContainingType):
                    setting = FromBuilder(build);
                    break;
            }

            return setting;
        }

        /// <summary>A receiver of <c>Build()</c> that names the context builder: <c>new DynamoDBContextBuilder()...</c>, <c>.ConfigureContext(...)</c>, <c>.WithDynamoDBClient(...)</c>.</summary>
        private static bool IsBuilderChain(ExpressionSyntax receiver)
        {
            for (var current = receiver; ;)
            {
                switch (current)
                {
                    case ObjectCreationExpressionSyntax { Type: var type }:
                        return type is IdentifierNameSyntax { Identifier.ValueText: "DynamoDBContextBuilder" }
                            || type is QualifiedNameSyntax { Right.Identifier.ValueText: "DynamoDBContextBuilder" };
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }:
                        if (member.Name.Identifier.ValueText is "ConfigureContext" or "WithDynamoDBClient")
                        {
                            return true;
                        }

                        current = member.Expression;
                        break;
                    case ParenthesizedExpressionSyntax parenthesized:
                        current = parenthesized.Expression;
                        break;
                    default:
                        return false;
                }
            }
        }

        private static bool IsContextName(TypeSyntax type)
            => type switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText == "DynamoDBContext",
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "DynamoDBContext",
                _ => false,
            };
    }
}
