using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using DynamoGuard.CodeFixes.Editing;
using DynamoGuard.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DynamoGuard.CodeFixes
{
    /// <summary>
    /// DDB201 across methods, "Use atomic ADD: add <c>Repository.AddXAsync</c> (not idempotent on retry)": the service
    /// read a number through one repository method, changed it and wrote it back through another
    /// (<c>await _stats.SetFollowerCountAsync(id, followers + 1)</c>). The fix adds a method beside the write helper that
    /// sends the same request with <c>ADD attribute :value</c> instead of <c>SET attribute = :value</c>, its parameter
    /// renamed <c>delta</c>, and calls it with the delta (<c>AddFollowerCountAsync(id, 1)</c>). When the repository
    /// already has such a method (same parameters, one UpdateItem of the same table and key with <c>ADD attribute
    /// :value</c> built from the same parameter, like <c>AddFollowersAsync(id, delta)</c>), the call uses it and the
    /// repository is not changed. The write helper itself stays (other callers may set the number); the read goes when
    /// nothing else uses what it returned.
    /// <para>
    /// Offered only when the edit keeps what the code did: the call runs the write helper itself (not an interface
    /// method), which is declared in a document of the solution and sends one UpdateItem with the single action
    /// <c>SET attribute = :placeholder</c> (a string literal), no condition, and the placeholder's value built from one
    /// parameter used nowhere else; the service passes <c>read + delta</c>, <c>delta + read</c> or <c>read - delta</c>
    /// (directly, or through a local assigned once) with <c>read</c> a local assigned once from the read helper's
    /// call; the read helper counts a missing attribute as 0, as ADD does (a fallback other than 0 declines); and the
    /// new method's name (<c>Set…</c>/<c>Update…</c>/<c>Write…</c>/<c>Put…</c>/<c>Save…</c> become <c>Add…</c>, other
    /// names get <c>Add</c> in front) is free in the repository type.
    /// </para>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AtomicAddInHelperCodeFixProvider))]
    [Shared]
    public sealed class AtomicAddInHelperCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "DDB201_UseAtomicAddInHelper";

        private const string FixAllTitle = "Use atomic ADD through the repository (not idempotent on retry)";

        private static readonly Regex SingleSet = new Regex(@"^\s*SET\s+(?<name>#?[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?<value>:[A-Za-z0-9_]+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex SingleAdd = new Regex(@"^\s*ADD\s+(?<name>#?[A-Za-z_][A-Za-z0-9_]*)\s+(?<value>:[A-Za-z0-9_]+)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly string[] SetterPrefixes = { "Set", "Update", "Write", "Put", "Save" };

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ReadModifyWriteNumber);

        public override FixAllProvider GetFixAllProvider() => new AcrossDocumentsFixAll(FixAllTitle, EquivalenceKey, FixAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var solution = context.Document.Project.Solution;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await Plan.TryCreateAsync(solution, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } plan)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use atomic ADD: add {plan.TypeName}.{plan.NewName} (not idempotent on retry)",
                        ct => FixAsync(solution, new[] { diagnostic }, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Solution> FixAsync(Solution solution, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var changes = new Dictionary<DocumentId, List<TextChange>>();
            var added = new HashSet<(SyntaxTree, string)>();
            foreach (var diagnostic in diagnostics)
            {
                if (await Plan.TryCreateAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false) is not { } plan)
                {
                    continue;
                }

                // One new method per write helper, however many calls Fix All rewrites to use it.
                if (plan.Insertion is { } insertion && added.Add((plan.HelperDocumentTree, plan.NewName)))
                {
                    Add(changes, plan.HelperDocument, insertion);
                }

                foreach (var change in plan.CallChanges)
                {
                    Add(changes, plan.CallDocument, change);
                }
            }

            var changed = solution;
            foreach (var pair in changes)
            {
                var text = await solution.GetDocument(pair.Key)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                changed = changed.WithDocumentText(pair.Key, TextRemoval.ApplyNonOverlapping(text, pair.Value));
            }

            return changed;
        }

        private static void Add(Dictionary<DocumentId, List<TextChange>> changes, DocumentId document, TextChange change)
        {
            if (!changes.TryGetValue(document, out var list))
            {
                changes.Add(document, list = new List<TextChange>());
            }

            list.Add(change);
        }

        /// <summary>The edits for one diagnostic, all computed on the unchanged solution.</summary>
        private sealed class Plan
        {
            private Plan(string typeName, string newName, DocumentId helperDocument, SyntaxTree helperTree, TextChange? insertion, DocumentId callDocument, List<TextChange> callChanges)
            {
                TypeName = typeName;
                NewName = newName;
                HelperDocument = helperDocument;
                HelperDocumentTree = helperTree;
                Insertion = insertion;
                CallDocument = callDocument;
                CallChanges = callChanges;
            }

            public string TypeName { get; }

            public string NewName { get; }

            public DocumentId HelperDocument { get; }

            public SyntaxTree HelperDocumentTree { get; }

            /// <summary>The new method; null when the repository already has it.</summary>
            public TextChange? Insertion { get; }

            public DocumentId CallDocument { get; }

            public List<TextChange> CallChanges { get; }

            public static async Task<Plan?> TryCreateAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
            {
                // Additional locations of a finding across methods: the read call, the SDK read in the read helper, the SDK write in the write helper.
                if (diagnostic.AdditionalLocations.Count != 3
                    || diagnostic.Location.SourceTree is not { } callTree
                    || solution.GetDocument(callTree) is not { } callDocument
                    || diagnostic.AdditionalLocations[0].SourceTree != callTree)
                {
                    return null;
                }

                var callRoot = await callDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var callModel = await callDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (callRoot is null || callModel is null
                    || DynamoDbModel.TryCreate(callModel.Compilation) is not { } model
                    || callRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } callSyntax
                    || callSyntax.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax calledName }
                    || callModel.GetOperation(callSyntax, cancellationToken) is not IInvocationOperation call)
                {
                    return null;
                }

                // The write helper: the called method itself, declared once in a document of the solution.
                var helper = call.TargetMethod;
                if (helper.ReducedFrom is not null || helper.IsGenericMethod || helper.DeclaringSyntaxReferences.Length != 1
                    || helper.ContainingType is not { } helperType
                    || await helper.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not MethodDeclarationSyntax helperSyntax
                    || solution.GetDocument(helperSyntax.SyntaxTree) is not { } helperDocument
                    || diagnostic.AdditionalLocations[2].SourceTree != helperSyntax.SyntaxTree
                    || !helperSyntax.Span.Contains(diagnostic.AdditionalLocations[2].SourceSpan))
                {
                    return null;
                }

                var helperModel = helperDocument.Id == callDocument.Id ? callModel : await helperDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var helperRoot = await helperSyntax.SyntaxTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                if (helperModel is null
                    || helperRoot.FindNode(diagnostic.AdditionalLocations[2].SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } writeSyntax
                    || helperModel.GetOperation(writeSyntax, cancellationToken) is not IInvocationOperation writeCall
                    || ItemWrite.TryRead(writeCall, model) is not { Kind: DynamoOperation.UpdateItem } write
                    || write.Condition.State != PartState.Absent
                    || write.Expected.State != PartState.Absent
                    || write.UpdateExpression.Value?.Syntax is not LiteralExpressionSyntax updateLiteral
                    || write.UpdateExpression.Text is not { } updateText
                    || SingleSet.Match(updateText) is not { Success: true } set
                    || !diagnostic.Properties.TryGetValue(Rules.AtomicUpdateAnalyzer.AttributeProperty, out var attribute)
                    || ResolveName(set.Groups["name"].Value, write) != attribute
                    || FindValueParameter(write, set.Groups["value"].Value, helperSyntax, helperModel, cancellationToken) is not { } parameter)
                {
                    return null;
                }

                // The service's argument: read + delta, delta + read or read - delta, directly or through a local assigned once.
                if (MethodSummaryArgument(call, parameter.Ordinal) is not { } argument
                    || callSyntax.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } callerDeclaration
                    || FindDelta(argument, callModel, callerDeclaration, diagnostic.AdditionalLocations[0].SourceSpan, cancellationToken) is not { } delta
                    || !CountsMissingAsZero(diagnostic.AdditionalLocations[1], cancellationToken))
                {
                    return null;
                }

                // A method of the repository that already adds to the attribute of the same item: the call uses it.
                var newName = await FindExistingAddAsync(solution, helper, write, attribute!, parameter, model, cancellationToken).ConfigureAwait(false);
                TextChange? insertion = null;
                if (newName is null)
                {
                    newName = ChooseName(helper.Name);
                    var helperText = await helperDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    var (method, created) = CreateInsertion(helperText, helperRoot, helperSyntax, helperModel, parameter, updateLiteral, set, attribute!, newName, cancellationToken);

                    // A method of that name already there: used when it is the one this fix writes (an earlier fix of another
                    // call added it), else the name is someone else's and nothing is offered.
                    insertion = created;
                    var existing = helperType.GetMembers(newName);
                    if (!existing.IsEmpty)
                    {
                        if (existing.Length != 1
                            || existing[0].DeclaringSyntaxReferences.Length != 1
                            || Normalize((await existing[0].DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false)).ToString()) != Normalize(method))
                        {
                            return null;
                        }

                        insertion = null;
                    }
                }

                var callChanges = new List<TextChange> { new TextChange(calledName.Identifier.Span, newName) };
                callChanges.AddRange(delta.Changes);
                var callText = await callDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
                foreach (var removed in delta.RemovedStatements)
                {
                    callChanges.Add(TextRemoval.RemoveSpan(callText, removed.Span));
                }

                return new Plan(helperType.Name, newName, helperDocument.Id, helperSyntax.SyntaxTree, insertion, callDocument.Id, callChanges);
            }

            /// <summary>
            /// The name of another method of the write helper's type that takes the same parameters and sends one
            /// UpdateItem of the same table and key (as written) with the single action <c>ADD attribute :value</c>, the
            /// value built from the parameter in the same position: <c>AddFollowersAsync(string id, int delta)</c> beside
            /// <c>SetFollowerCountAsync(string id, int followers)</c>. Null when there is none.
            /// </summary>
            private static async Task<string?> FindExistingAddAsync(Solution solution, IMethodSymbol helper, ItemWrite helperWrite, string attribute, IParameterSymbol parameter, DynamoDbModel model, CancellationToken cancellationToken)
            {
                if (helperWrite.TableName is null || helperWrite.Key.Value is null)
                {
                    return null;
                }

                var key = Normalize(helperWrite.Key.Value.Syntax.ToString());
                foreach (var member in helper.ContainingType.GetMembers())
                {
                    if (member is not IMethodSymbol candidate
                        || SymbolEqualityComparer.Default.Equals(candidate, helper)
                        || candidate.IsGenericMethod
                        || candidate.Parameters.Length != helper.Parameters.Length
                        || !SymbolEqualityComparer.Default.Equals(candidate.ReturnType, helper.ReturnType)
                        || candidate.DeclaringSyntaxReferences.Length != 1
                        || !SameParameterTypes(candidate, helper))
                    {
                        continue;
                    }

                    var syntax = await candidate.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
                    if (syntax is not MethodDeclarationSyntax declaration
                        || solution.GetDocument(declaration.SyntaxTree) is not { } document
                        || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } semanticModel)
                    {
                        continue;
                    }

                    ItemWrite? found = null;
                    var writes = 0;
                    foreach (var invocation in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
                    {
                        if (semanticModel.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
                            && ItemWrite.TryRead(operation, model) is { } write)
                        {
                            writes++;
                            found = write;
                        }
                    }

                    if (writes != 1
                        || found is not { Kind: DynamoOperation.UpdateItem, Condition.State: PartState.Absent, Expected.State: PartState.Absent }
                        || found.TableName != helperWrite.TableName
                        || found.Key.Value is null
                        || Normalize(found.Key.Value.Syntax.ToString()) != key
                        || found.UpdateExpression.Text is not { } text
                        || SingleAdd.Match(text) is not { Success: true } add
                        || ResolveName(add.Groups["name"].Value, found) != attribute
                        || !IsBuiltFrom(found, add.Groups["value"].Value, parameter.Ordinal))
                    {
                        continue;
                    }

                    return candidate.Name;
                }

                return null;
            }

            private static bool SameParameterTypes(IMethodSymbol a, IMethodSymbol b)
            {
                for (var i = 0; i < a.Parameters.Length; i++)
                {
                    if (!SymbolEqualityComparer.Default.Equals(a.Parameters[i].Type, b.Parameters[i].Type) || a.Parameters[i].RefKind != b.Parameters[i].RefKind)
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>True when the placeholder's value uses the parameter at <paramref name="ordinal"/> and no other.</summary>
            private static bool IsBuiltFrom(ItemWrite write, string placeholder, int ordinal)
            {
                var found = false;
                foreach (var entry in write.Values.Entries)
                {
                    if (entry.Key != placeholder)
                    {
                        continue;
                    }

                    foreach (var operation in entry.Value.DescendantsAndSelf())
                    {
                        if (operation is IParameterReferenceOperation reference)
                        {
                            if (reference.Parameter.Ordinal != ordinal)
                            {
                                return false;
                            }

                            found = true;
                        }
                    }
                }

                return found;
            }

            private static IOperation? MethodSummaryArgument(IInvocationOperation call, int ordinal)
            {
                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        return argument.Value;
                    }
                }

                return null;
            }

            /// <summary>The stored attribute name an update expression's name stands for (<c>#n</c> through ExpressionAttributeNames).</summary>
            private static string? ResolveName(string name, ItemWrite write)
            {
                if (!name.StartsWith("#", System.StringComparison.Ordinal))
                {
                    return name;
                }

                foreach (var entry in write.Names.Entries)
                {
                    if (entry.Key == name)
                    {
                        return entry.Value.ConstantValue is { HasValue: true, Value: string stored } ? stored : null;
                    }
                }

                return null;
            }

            /// <summary>The parameter the placeholder's value is built from, when that is its only use in the helper.</summary>
            private static IParameterSymbol? FindValueParameter(ItemWrite write, string placeholder, MethodDeclarationSyntax helperSyntax, SemanticModel helperModel, CancellationToken cancellationToken)
            {
                IParameterSymbol? found = null;
                foreach (var entry in write.Values.Entries)
                {
                    if (entry.Key != placeholder)
                    {
                        continue;
                    }

                    foreach (var reference in entry.Value.DescendantsAndSelf())
                    {
                        if (reference is IParameterReferenceOperation parameterReference)
                        {
                            if (found is not null && !SymbolEqualityComparer.Default.Equals(found, parameterReference.Parameter))
                            {
                                return null;
                            }

                            found = parameterReference.Parameter;
                        }
                    }
                }

                if (found is null || !ReadTracing.IsNumericType(found.Type) || found.RefKind != RefKind.None)
                {
                    return null;
                }

                var uses = 0;
                foreach (var identifier in helperSyntax.DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (identifier.Identifier.ValueText == found.Name
                        && SymbolEqualityComparer.Default.Equals(helperModel.GetSymbolInfo(identifier, cancellationToken).Symbol, found))
                    {
                        uses++;
                    }
                }

                return uses == 1 ? found : null;
            }

            /// <summary>
            /// The delta the service applies to what it read, with the edits that pass it instead: the argument (or the
            /// once-assigned local the argument is) becomes the delta; a local and a read left unused go.
            /// </summary>
            private static Delta? FindDelta(IOperation argument, SemanticModel model, MemberDeclarationSyntax caller, TextSpan readCall, CancellationToken cancellationToken)
            {
                var removed = new List<StatementSyntax>();
                var changes = new List<TextChange>();
                var value = argument.WalkDownConversions();
                ExpressionSyntax replaced = (ExpressionSyntax)value.Syntax;
                ILocalSymbol? intermediate = null;
                if (value is ILocalReferenceOperation local)
                {
                    // var remaining = current - amount; ... Set(id, remaining)
                    if (SingleDeclaration(local.Local, caller, model, cancellationToken) is not { } declaration
                        || declaration.Declarator.Initializer is null)
                    {
                        return null;
                    }

                    intermediate = local.Local;
                    value = model.GetOperation(declaration.Declarator.Initializer.Value, cancellationToken)?.WalkDownConversions();
                    if (value is null)
                    {
                        return null;
                    }
                }

                while (value is IParenthesizedOperation parenthesized)
                {
                    value = parenthesized.Operand.WalkDownConversions();
                }

                if (value is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary)
                {
                    return null;
                }

                var left = binary.LeftOperand.WalkDownConversions();
                var right = binary.RightOperand.WalkDownConversions();
                ILocalSymbol? read;
                IOperation deltaOperation;
                var negate = false;
                if (left is ILocalReferenceOperation leftLocal && IsReadLocal(leftLocal.Local, caller, model, readCall, cancellationToken))
                {
                    read = leftLocal.Local;
                    deltaOperation = binary.RightOperand;
                    negate = binary.OperatorKind == BinaryOperatorKind.Subtract;
                }
                else if (binary.OperatorKind == BinaryOperatorKind.Add && right is ILocalReferenceOperation rightLocal && IsReadLocal(rightLocal.Local, caller, model, readCall, cancellationToken))
                {
                    read = rightLocal.Local;
                    deltaOperation = binary.LeftOperand;
                }
                else
                {
                    return null;
                }

                // The delta must not depend on what was read, directly or through locals computed from it.
                if (DependsOn(deltaOperation, read, intermediate, caller, model, 0, cancellationToken))
                {
                    return null;
                }

                var deltaSyntax = (ExpressionSyntax)deltaOperation.Syntax;
                var deltaText = deltaSyntax.WithoutTrivia().ToString();
                if (negate)
                {
                    deltaText = deltaSyntax is LiteralExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax
                        ? "-" + deltaText
                        : "-(" + deltaText + ")";
                }

                changes.Add(new TextChange(replaced.Span, deltaText));

                // Locals whose only other use was the argument go, with the read when nothing else uses it either.
                var ignored = new List<TextSpan> { replaced.Span };
                if (intermediate is not null && CountUses(intermediate, caller, model, ignored, cancellationToken) == 0)
                {
                    var declaration = SingleDeclaration(intermediate, caller, model, cancellationToken)!.Value;
                    removed.Add(declaration.Statement);
                    ignored.Add(declaration.Statement.Span);
                }

                if (CountUses(read, caller, model, ignored, cancellationToken) == 0
                    && SingleDeclaration(read, caller, model, cancellationToken) is { } readDeclaration
                    && readDeclaration.Statement.Declaration.Variables.Count == 1)
                {
                    removed.Add(readDeclaration.Statement);
                }

                return new Delta(changes, removed);
            }

            /// <summary>
            /// True when <paramref name="operation"/> reads <paramref name="read"/> or <paramref name="intermediate"/>, or a
            /// local whose declaration does (a few levels deep); a local assigned elsewhere counts as depending.
            /// </summary>
            private static bool DependsOn(IOperation operation, ILocalSymbol read, ILocalSymbol? intermediate, MemberDeclarationSyntax caller, SemanticModel model, int depth, CancellationToken cancellationToken)
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is not ILocalReferenceOperation used)
                    {
                        continue;
                    }

                    if (SymbolEqualityComparer.Default.Equals(used.Local, read) || SymbolEqualityComparer.Default.Equals(used.Local, intermediate))
                    {
                        return true;
                    }

                    // Only locals declared with a value and never assigned again are followed; any other counts as depending.
                    if (depth >= 3
                        || SingleDeclaration(used.Local, caller, model, cancellationToken) is not { Declarator.Initializer: { } value }
                        || model.GetOperation(value.Value, cancellationToken) is not { } initializer
                        || DependsOn(initializer, read, intermediate, caller, model, depth + 1, cancellationToken))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>A local declared once (<c>var x = ...;</c>, alone in its statement) and never assigned again.</summary>
            private static (LocalDeclarationStatementSyntax Statement, VariableDeclaratorSyntax Declarator)? SingleDeclaration(ILocalSymbol local, MemberDeclarationSyntax caller, SemanticModel model, CancellationToken cancellationToken)
            {
                if (local.DeclaringSyntaxReferences.Length != 1
                    || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator
                    || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax } statement
                    || statement.Declaration.Variables.Count != 1)
                {
                    return null;
                }

                // Declared with a value and never assigned again (nor passed by ref or out), as the analyzers read locals.
                if (model.GetOperation(caller, cancellationToken) is not { } body || ValueResolver.FindSingleInitializer(local, body) is null)
                {
                    return null;
                }

                return (statement, declarator);
            }

            /// <summary>A local assigned once from the awaited read call the diagnostic names.</summary>
            private static bool IsReadLocal(ILocalSymbol local, MemberDeclarationSyntax caller, SemanticModel model, TextSpan readCall, CancellationToken cancellationToken)
                => SingleDeclaration(local, caller, model, cancellationToken) is { } declaration
                    && declaration.Declarator.Initializer?.Value is AwaitExpressionSyntax { Expression: var awaited }
                    && Unwrap(awaited).Span == readCall;

            private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
            {
                // await repo.GetAsync(id).ConfigureAwait(false)
                if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var inner } })
                {
                    return inner;
                }

                return expression;
            }

            private static int CountUses(ILocalSymbol local, MemberDeclarationSyntax caller, SemanticModel model, List<TextSpan> ignored, CancellationToken cancellationToken)
            {
                if (model.GetOperation(caller, cancellationToken) is not { } body)
                {
                    return int.MaxValue;
                }

                var uses = 0;
                foreach (var reference in ValueResolver.FindReferences(local, body))
                {
                    var span = reference.Syntax.Span;
                    if (!ignored.Any(ignoredSpan => ignoredSpan.Contains(span)))
                    {
                        uses++;
                    }
                }

                return uses;
            }

            /// <summary>
            /// False when the read helper returns a number other than 0 for a missing attribute (<c>... : 10</c>,
            /// <c>?? 10</c>): ADD starts a missing number at 0. False too for an object-model <c>Load</c>: it returns
            /// null for a missing item, so the helper throws where ADD would create the item.
            /// </summary>
            private static bool CountsMissingAsZero(Location sdkRead, CancellationToken cancellationToken)
            {
                if (sdkRead.SourceTree is not { } tree
                    || tree.GetRoot(cancellationToken).FindNode(sdkRead.SourceSpan, getInnermostNodeForTie: true) is not { } readNode
                    || readNode.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is not { } method
                    || readNode.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } readCall
                    || DynamoGuard.Model.OperationExtensions.GetCalledName(readCall.Expression) is "Load" or "LoadAsync")
                {
                    return false;
                }

                foreach (var node in method.DescendantNodes())
                {
                    ExpressionSyntax? fallback = node switch
                    {
                        ConditionalExpressionSyntax conditional when IsNumber(conditional.WhenFalse) => conditional.WhenFalse,
                        ConditionalExpressionSyntax conditional when IsNumber(conditional.WhenTrue) => conditional.WhenTrue,
                        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce when IsNumber(coalesce.Right) => coalesce.Right,
                        ReturnStatementSyntax { Expression: { } returned } when IsNumber(returned) => returned,
                        _ => null,
                    };

                    if (fallback is not null && !IsZero(fallback))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsNumber(ExpressionSyntax expression)
                => Strip(expression) is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression };

            private static bool IsZero(ExpressionSyntax expression)
                => Strip(expression) is LiteralExpressionSyntax { Token.Value: var value } && System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) == 0m;

            private static ExpressionSyntax Strip(ExpressionSyntax expression)
            {
                while (true)
                {
                    switch (expression)
                    {
                        case ParenthesizedExpressionSyntax parenthesized:
                            expression = parenthesized.Expression;
                            continue;
                        case CastExpressionSyntax cast:
                            expression = cast.Expression;
                            continue;
                        case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus:
                            expression = minus.Operand;
                            continue;
                        default:
                            return expression;
                    }
                }
            }

            private static string ChooseName(string helperName)
            {
                foreach (var prefix in SetterPrefixes)
                {
                    if (helperName.Length > prefix.Length && helperName.StartsWith(prefix, System.StringComparison.Ordinal) && char.IsUpper(helperName[prefix.Length]))
                    {
                        return "Add" + helperName.Substring(prefix.Length);
                    }
                }

                return "Add" + char.ToUpperInvariant(helperName[0]) + helperName.Substring(1);
            }

            /// <summary>
            /// The new method, after the write helper: the helper's text (its doc comment summarised anew) with the name,
            /// the value parameter (now <c>delta</c>, unless that name is taken) and the update expression changed.
            /// </summary>
            private static (string Method, TextChange Insertion) CreateInsertion(SourceText text, SyntaxNode root, MethodDeclarationSyntax helper, SemanticModel model, IParameterSymbol parameter, LiteralExpressionSyntax updateLiteral, Match set, string attribute, string newName, CancellationToken cancellationToken)
            {
                var parameterName = helper.ParameterList.Parameters.Any(p => p.Identifier.ValueText == "delta") || HasLocalNamed(helper, "delta")
                    ? parameter.Name
                    : "delta";
                var edits = new List<TextChange>
                {
                    new TextChange(helper.Identifier.Span, newName),
                    new TextChange(updateLiteral.Span, SyntaxBuilder.Quote("ADD " + set.Groups["name"].Value + " " + set.Groups["value"].Value)),
                };
                if (parameterName != parameter.Name)
                {
                    foreach (var declared in helper.ParameterList.Parameters)
                    {
                        if (declared.Identifier.ValueText == parameter.Name)
                        {
                            edits.Add(new TextChange(declared.Identifier.Span, parameterName));
                        }
                    }

                    foreach (var identifier in helper.DescendantNodes().OfType<IdentifierNameSyntax>())
                    {
                        if (identifier.Identifier.ValueText == parameter.Name
                            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter))
                        {
                            edits.Add(new TextChange(identifier.Span, parameterName));
                        }
                    }
                }

                // The helper's text from its first token (attributes and modifiers included) to its last, edited.
                var start = helper.SpanStart;
                var builder = new StringBuilder(text.ToString(TextSpan.FromBounds(start, helper.Span.End)));
                foreach (var edit in edits.OrderByDescending(e => e.Span.Start))
                {
                    builder.Remove(edit.Span.Start - start, edit.Span.Length);
                    builder.Insert(edit.Span.Start - start, edit.NewText);
                }

                var endOfLine = InitializerEditing.GetEndOfLine(root).ToFullString();
                var indentation = SyntaxBuilder.GetIndentation(helper);
                var method = builder.ToString().Replace("\r\n", "\n").Replace("\n", endOfLine);
                var documentation = helper.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
                    ? indentation + "/// <summary>Adds <paramref name=\"" + parameterName + "\"/> to '" + attribute + "' on the server (DynamoDB ADD): concurrent changes all count; a retried call counts twice.</summary>" + endOfLine
                    : string.Empty;

                // After the helper's line break: a blank line, then the new method.
                var end = text.Lines.GetLineFromPosition(helper.Span.End).EndIncludingLineBreak;
                return (method, new TextChange(new TextSpan(end, 0), endOfLine + documentation + indentation + method + endOfLine));
            }

            private static string Normalize(string code) => Regex.Replace(code, @"\s+", string.Empty);

            private static bool HasLocalNamed(MethodDeclarationSyntax helper, string name)
                => helper.DescendantNodes().Any(n => n is VariableDeclaratorSyntax v && v.Identifier.ValueText == name
                    || n is SingleVariableDesignationSyntax d && d.Identifier.ValueText == name
                    || n is ParameterSyntax p && p.Identifier.ValueText == name);
        }

        private sealed class Delta
        {
            public Delta(List<TextChange> changes, List<StatementSyntax> removedStatements)
            {
                Changes = changes;
                RemovedStatements = removedStatements;
            }

            public List<TextChange> Changes { get; }

            public List<StatementSyntax> RemovedStatements { get; }
        }
    }
}
