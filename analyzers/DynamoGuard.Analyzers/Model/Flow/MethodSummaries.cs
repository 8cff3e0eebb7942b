using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using DynamoGuard.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model.Flow
{
    /// <summary>
    /// Method summaries (see <see cref="MethodSummary"/>), computed on demand once per method per compilation and
    /// cached, so that a rule looking at a call to a repository method knows what that method reads or writes.
    /// <para>
    /// Calls are followed <see cref="MaxDepth"/> deep (a helper that calls a helper that calls the SDK). A summary cut
    /// short by that limit (or by a cycle) is not cached, so the answer for a method does not depend on the order in
    /// which methods happen to be analysed. What the summaries deliberately do not describe: writes in lambdas and
    /// local functions of the helper, values held in fields, and tables named by anything other than a constant.
    /// </para>
    /// </summary>
    internal sealed class MethodSummaries
    {
        private const int MaxDepth = 3;

        [ThreadStatic]
        private static int t_depth;

        [ThreadStatic]
        private static bool t_truncated;

        private readonly DynamoDbModel _model;
        private readonly SourceMethods _methods;
        private readonly OptionCache<VersionAttributeNames> _versionNames;
        private readonly ConcurrentDictionary<IMethodSymbol, MethodSummary> _cache = new ConcurrentDictionary<IMethodSymbol, MethodSummary>(SymbolEqualityComparer.Default);

        public MethodSummaries(DynamoDbModel model, Compilation compilation, AnalyzerOptions options)
        {
            _model = model;
            _methods = model.SourceMethods;
            Contexts = new ContextOrigins(model, compilation, _methods);
            _versionNames = new OptionCache<VersionAttributeNames>(DynamoGuardOptions.VersionAttributeNames, DiagnosticIds.ReadModifyWriteNumber, options);
        }

        public SourceMethods Methods => _methods;

        /// <summary>Where the contexts that saves go through were created (DDB102 across methods).</summary>
        public ContextOrigins Contexts { get; }

        /// <summary>The summary of the source method a call runs; <see cref="MethodSummary.Empty"/> when there is none.</summary>
        public MethodSummary Get(IInvocationOperation invocation)
        {
            var callee = _methods.GetCallee(invocation.TargetMethod);
            if (callee is null)
            {
                return MethodSummary.Empty;
            }

            if (_cache.TryGetValue(callee, out var cached))
            {
                return cached;
            }

            if (t_depth >= MaxDepth)
            {
                t_truncated = true;
                return MethodSummary.Empty;
            }

            var outerTruncated = t_truncated;
            t_truncated = false;
            t_depth++;
            MethodSummary summary;
            try
            {
                summary = _methods.IsWorthSummarizing(callee) ? Compute(callee) : MethodSummary.Empty;
            }
            finally
            {
                t_depth--;
            }

            var truncated = t_truncated;
            t_truncated = outerTruncated || truncated;
            return truncated ? summary : _cache.GetOrAdd(callee, summary);
        }

        private MethodSummary Compute(IMethodSymbol method)
        {
            var body = _methods.GetBody(method);
            if (body is null)
            {
                return MethodSummary.Empty;
            }

            var rmw = new ReadModifyWrite(_model, _versionNames.Get(body.Syntax.SyntaxTree));
            var returned = FindSingleReturnedValue(body);
            ReturnedNumber? number = null;
            SyntaxNode? load = null;
            var properties = ImmutableDictionary<IPropertySymbol, ReturnedNumber>.Empty;
            var elements = ImmutableArray<ReturnedNumber?>.Empty;
            if (returned is not null)
            {
                var type = UnwrapTask(method.ReturnType);
                if (ReadTracing.IsNumericType(type))
                {
                    number = FindReturnedNumber(rmw, returned);
                }
                else if (type is INamedTypeSymbol { IsTupleType: true })
                {
                    elements = FindReturnedElements(rmw, returned);
                }
                else if (type is { TypeKind: TypeKind.Class or TypeKind.TypeParameter })
                {
                    load = FindReturnedLoad(returned);
                    if (load is null)
                    {
                        properties = FindReturnedProperties(rmw, returned);
                    }
                }
            }
            else if (UnwrapTask(method.ReturnType) is { TypeKind: TypeKind.Class or TypeKind.TypeParameter }
                && FindSingleReturnedValue(body, ignoreNull: true) is { } loadedOrNull)
            {
                // return loaded; ... catch { return null; }: the loaded object whenever the caller gets one.
                load = FindReturnedLoad(loadedOrNull);
            }

            var writes = ImmutableArray.CreateBuilder<ParameterWrite>();
            var saves = ImmutableArray.CreateBuilder<(int, SyntaxNode)>();
            var found = new List<ParameterWrite>();
            foreach (var operation in body.Descendants())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                found.Clear();
                rmw.FindParameterWrites(invocation, found);
                if (found.Count > 0)
                {
                    writes.AddRange(found);
                    continue;
                }

                if (_model.TryGetContextSave(invocation, out var item, out _, out var config))
                {
                    if (item.Value.WalkDownConversions() is IParameterReferenceOperation saved
                        && !IsAssigned(saved.Parameter, body)
                        && ReadModifyWrite.IsUnconditionalSave(config))
                    {
                        saves.Add((saved.Parameter.Ordinal, invocation.Syntax));
                    }

                    continue;
                }

                // A helper that hands its parameter on to another helper.
                var inner = Get(invocation);
                foreach (var write in inner.Writes)
                {
                    if (GetArgument(invocation, write.Ordinal) is { } argument
                        && argument.WalkDownConversions() is IParameterReferenceOperation passed
                        && MapKey(write.Key, invocation) is { } key)
                    {
                        writes.Add(new ParameterWrite(passed.Parameter.Ordinal, write.Table, write.Attribute, key, write.IsPut, write.Write));
                    }
                }

                foreach (var (ordinal, save) in inner.Saves)
                {
                    if (GetArgument(invocation, ordinal) is { } argument && argument.WalkDownConversions() is IParameterReferenceOperation passed)
                    {
                        saves.Add((passed.Parameter.Ordinal, save));
                    }
                }
            }

            var summary = new MethodSummary(number, load, writes.ToImmutable(), saves.ToImmutable(), properties, elements);
            return summary.IsEmpty ? MethodSummary.Empty : summary;
        }

        /// <summary>The numeric properties of a returned <c>new Dto { ... }</c> that hold a number read from an item.</summary>
        private ImmutableDictionary<IPropertySymbol, ReturnedNumber> FindReturnedProperties(ReadModifyWrite rmw, IOperation returned)
        {
            if (ValueResolver.Resolve(returned) is not IObjectCreationOperation { Initializer: { } initializer } creation
                || creation.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
                || type.DeclaringSyntaxReferences.IsEmpty)
            {
                return ImmutableDictionary<IPropertySymbol, ReturnedNumber>.Empty;
            }

            var builder = ImmutableDictionary.CreateBuilder<IPropertySymbol, ReturnedNumber>(SymbolEqualityComparer.Default);
            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { IsIndexer: false } property } } assignment
                    && ReadTracing.IsNumericType(property.Type)
                    && FindReturnedNumber(rmw, assignment.Value) is { } number)
                {
                    builder[property.OriginalDefinition] = number;
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// The elements of a returned tuple literal (<c>return (stock, version);</c>, names or not) that hold a number read
        /// from an item; empty when the method returns anything else (a tuple held in a field, built elsewhere).
        /// </summary>
        private ImmutableArray<ReturnedNumber?> FindReturnedElements(ReadModifyWrite rmw, IOperation returned)
        {
            if (ValueResolver.Resolve(returned) is not ITupleOperation tuple)
            {
                return ImmutableArray<ReturnedNumber?>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<ReturnedNumber?>(tuple.Elements.Length);
            var any = false;
            foreach (var element in tuple.Elements)
            {
                var number = ReadTracing.IsNumericType(element.Type) ? FindReturnedNumber(rmw, element) : null;
                any |= number is not null;
                builder.Add(number);
            }

            return any ? builder.MoveToImmutable() : ImmutableArray<ReturnedNumber?>.Empty;
        }

        private ReturnedNumber? FindReturnedNumber(ReadModifyWrite rmw, IOperation returned)
        {
            var derivation = rmw.Derivations.Classify(returned);
            if (derivation.Kind != DerivationKind.Read)
            {
                return null;
            }

            var read = derivation.Source.Read;
            if (derivation.Property is not null)
            {
                // The object persistence model: return loaded.Hits; of a LoadAsync<T>(id) in this method.
                return read.Surface == ReadSurface.Context
                    && !read.IsAcrossMethods
                    && read.ItemType is INamedTypeSymbol type
                    && _model.GetVersionProperty(type) is null
                    && BindLoadKey(type, read.KeyValues) is { } loadKey
                    ? new ReturnedNumber(_model.GetTableName(type), derivation.Attribute, loadKey, read.Invocation.Syntax)
                    : null;
            }

            if (read.Helper is { } inner)
            {
                return MapKey(inner.Key, (IInvocationOperation)read.Invocation) is { } mapped
                    ? new ReturnedNumber(inner.Table, inner.Attribute, mapped, inner.Read)
                    : null;
            }

            if (read.Surface != ReadSurface.Client
                || read.TableName is null
                || !ValueResolver.TryGetString(read.TableName, out var table)
                || BindKey(read.Key) is not { } key)
            {
                return null;
            }

            return new ReturnedNumber(table, derivation.Attribute, key, read.Invocation.Syntax);
        }

        private SyntaxNode? FindReturnedLoad(IOperation returned)
        {
            var current = ValueResolver.Resolve(returned).WalkDownAwait();
            if (current is not IInvocationOperation call)
            {
                return null;
            }

            if (call.TargetMethod.IsGenericMethod && _model.IsContextMethod(call.TargetMethod, "Load"))
            {
                return call.Syntax;
            }

            return Get(call).ReturnedLoad;
        }

        /// <summary>
        /// A key map whose every entry is an AttributeValue (or document entry) of a parameter or constant, as a
        /// <see cref="KeyBinding"/>; null when the map is not fully known in those terms.
        /// </summary>
        public static KeyBinding? BindMap(MapPart map)
        {
            if (map.State != PartState.Known || !map.IsComplete || map.Entries.Count == 0)
            {
                return null;
            }

            var entries = ImmutableArray.CreateBuilder<(string, ValueBinding)>(map.Entries.Count);
            foreach (var entry in map.Entries)
            {
                if (!ValueBinding.TryCreate(VersionValues.GetStoredScalar(entry.Value), out var binding))
                {
                    return null;
                }

                entries.Add((entry.Key, binding));
            }

            return new KeyBinding(entries.MoveToImmutable());
        }

        /// <summary>
        /// The key map a request names, bound to the method's parameters: built in place (<see cref="BindMap"/>), or
        /// returned by a source method of the compilation (<c>Key = KeyFor(id)</c>), bound through that call's arguments.
        /// </summary>
        public KeyBinding? BindKey(IOperation? key)
        {
            var map = MapPart.Read(key);
            if (map.State == PartState.Known || key is null)
            {
                return BindMap(map);
            }

            if (ValueResolver.Resolve(key) is not IInvocationOperation call
                || _methods.GetCallee(call.TargetMethod) is not { } callee
                || !SourceMethods.IsWorthBinding(callee) && !IsShortMethod(callee)
                || _methods.GetBody(callee) is not { } body
                || FindSingleReturnedValue(body) is not { } returned
                || BindMap(MapPart.Read(returned)) is not { } inner)
            {
                return null;
            }

            return MapKey(inner, call);
        }

        /// <summary>
        /// The key of <c>LoadAsync&lt;T&gt;(hashKey[, rangeKey])</c> by stored attribute name, in terms of the method's
        /// parameters or constants; null when the values are anything else or do not match the type's key.
        /// </summary>
        private KeyBinding? BindLoadKey(INamedTypeSymbol type, ImmutableArray<IOperation> keyValues)
        {
            var hashKey = _model.GetHashKeyName(type);
            var rangeKey = _model.GetRangeKeyName(type);
            if (hashKey is null || keyValues.Length != (rangeKey is null ? 1 : 2))
            {
                return null;
            }

            var entries = ImmutableArray.CreateBuilder<(string, ValueBinding)>(keyValues.Length);
            for (var i = 0; i < keyValues.Length; i++)
            {
                if (!ValueBinding.TryCreate(keyValues[i], out var binding))
                {
                    // LoadAsync<CountModel>(count.PartitionKey, count.SortKey) of a new CountModel(CountType.Application).
                    if (!_model.CreatedObjects.TryGetValueConstant(keyValues[i], out var constant))
                    {
                        return null;
                    }

                    binding = ValueBinding.ForConstant(constant);
                }

                entries.Add((i == 0 ? hashKey : rangeKey!, binding));
            }

            return new KeyBinding(entries.MoveToImmutable());
        }

        private static bool IsShortMethod(IMethodSymbol method)
            => method.DeclaringSyntaxReferences.Length == 1
                && method.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax declaration
                && (declaration.ExpressionBody is not null || declaration.Body is { Statements.Count: <= 3 });

        /// <summary>A callee's key binding in terms of the caller's parameters, through the call's arguments.</summary>
        private static KeyBinding? MapKey(KeyBinding key, IInvocationOperation call)
        {
            var entries = ImmutableArray.CreateBuilder<(string, ValueBinding)>(key.Entries.Length);
            foreach (var (attribute, value) in key.Entries)
            {
                if (value.IsConstant)
                {
                    entries.Add((attribute, value));
                    continue;
                }

                if (!ValueBinding.TryCreate(GetArgument(call, value.Ordinal), out var mapped))
                {
                    return null;
                }

                entries.Add((attribute, mapped.WithOuterPrefix(value.Prefix)));
            }

            return new KeyBinding(entries.MoveToImmutable());
        }

        /// <summary>The value passed for the parameter at <paramref name="ordinal"/> (default values included), or null.</summary>
        public static IOperation? GetArgument(IInvocationOperation call, int ordinal)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.ArgumentKind == ArgumentKind.ParamArray ? null : argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The value of the method's only <c>return</c> (lambdas and local functions inside it not counted), or null.
        /// With <paramref name="ignoreNull"/>, <c>return null;</c> and <c>return default;</c> do not count.
        /// </summary>
        private static IOperation? FindSingleReturnedValue(IOperation body, bool ignoreNull = false)
        {
            IOperation? found = null;
            foreach (var operation in body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } value } && !operation.IsInNestedFunction(body))
                {
                    if (ignoreNull && value.IsConstantNull())
                    {
                        continue;
                    }

                    if (found is not null)
                    {
                        return null;
                    }

                    found = value;
                }
            }

            return found;
        }

        private static bool IsAssigned(IParameterSymbol parameter, IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IAssignmentOperation { Target: IParameterReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Parameter, parameter))
                {
                    return true;
                }
            }

            return false;
        }

        private static ITypeSymbol? UnwrapTask(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && named.Name is "Task" or "ValueTask"
                && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
            {
                return named.TypeArguments[0];
            }

            return type;
        }
    }
}
