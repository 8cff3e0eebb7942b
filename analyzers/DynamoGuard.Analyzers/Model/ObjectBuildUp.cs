using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DynamoGuard.Model
{
    /// <summary>
    /// How a method builds an object that it passes to the SDK: the <c>new</c> expression and every property assignment
    /// the method makes to it (object initializer members and later <c>local.Property = value</c> statements).
    /// Only objects created inline or in a local that is assigned once are followed; anything else (a parameter, a
    /// field, the result of a call) escapes the method and yields no build-up, so rules stay silent.
    /// </summary>
    internal sealed class ObjectBuildUp
    {
        private ObjectBuildUp(IObjectCreationOperation creation, ILocalSymbol? local, List<ISimpleAssignmentOperation> assignments)
        {
            Creation = creation;
            Local = local;
            PropertyAssignments = assignments;
        }

        public IObjectCreationOperation Creation { get; }

        /// <summary>The local the object is held in, or null when it is created inline.</summary>
        public ILocalSymbol? Local { get; }

        /// <summary>Property assignments in source order.</summary>
        public IReadOnlyList<ISimpleAssignmentOperation> PropertyAssignments { get; }

        public static ObjectBuildUp? TryCreate(IOperation value)
        {
            value = value.WalkDownConversions();
            if (value is IObjectCreationOperation creation)
            {
                var assignments = new List<ISimpleAssignmentOperation>();
                AddInitializerAssignments(creation, assignments);
                return new ObjectBuildUp(creation, null, assignments);
            }

            if (value is ILocalReferenceOperation localReference)
            {
                return TryCreateForLocal(localReference.Local, value.GetRoot());
            }

            return null;
        }

        /// <summary>The assignments to properties satisfying <paramref name="predicate"/>, in source order.</summary>
        public IEnumerable<ISimpleAssignmentOperation> AssignmentsTo(System.Func<IPropertySymbol, bool> predicate)
        {
            foreach (var assignment in PropertyAssignments)
            {
                if (assignment.Target is IPropertyReferenceOperation reference && predicate(reference.Property))
                {
                    yield return assignment;
                }
            }
        }

        private static ObjectBuildUp? TryCreateForLocal(ILocalSymbol local, IOperation root)
        {
            IObjectCreationOperation? creation = null;
            var statements = new List<ISimpleAssignmentOperation>();
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        creation = declarator.Initializer?.Value.WalkDownConversions() as IObjectCreationOperation;
                        if (creation is null)
                        {
                            return null;
                        }

                        break;
                    case ISimpleAssignmentOperation assignment:
                        var target = assignment.Target;
                        if (target is ILocalReferenceOperation assignedLocal && SymbolEqualityComparer.Default.Equals(assignedLocal.Local, local))
                        {
                            // Assigned more than once: which object reaches the call is not known.
                            return null;
                        }

                        if (target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation instance }
                            && SymbolEqualityComparer.Default.Equals(instance.Local, local))
                        {
                            statements.Add(assignment);
                        }

                        break;
                }
            }

            if (creation is null)
            {
                return null;
            }

            var assignments = new List<ISimpleAssignmentOperation>();
            AddInitializerAssignments(creation, assignments);
            assignments.AddRange(statements);
            return new ObjectBuildUp(creation, local, assignments);
        }

        private static void AddInitializerAssignments(IObjectCreationOperation creation, List<ISimpleAssignmentOperation> assignments)
        {
            if (creation.Initializer is null)
            {
                return;
            }

            foreach (var initializer in creation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment)
                {
                    assignments.Add(assignment);
                }
            }
        }
    }
}
