// Two tiny "folders" under their own root (Fixture.Low, Fixture.High) for TypeReferenceReaderTests: High reads Low
// in each of the ways compiled code can hide a reference; Low reads nothing. Nothing else uses these types.
namespace Cascade.Tests.Architecture.Fixture.Low
{
    public class Part { public int Size { get; init; } }
    public sealed class PartException : Exception;
    public sealed class MarkAttribute(Type type) : Attribute { public Type Type { get; } = type; }
}

namespace Cascade.Tests.Architecture.Fixture.High
{
    using Cascade.Tests.Architecture.Fixture.Low;

    public sealed class InField { private readonly List<Part[]> parts = []; public int Count => parts.Count; }

    public sealed class InClosure
    {
        public Func<int> Sizer(object o) => () => o is Part part ? part.Size : 0;
    }

    public sealed class InStateMachine
    {
        public async Task<int> SizeAsync(object o)
        {
            await Task.Yield();
            var part = (Part)o;
            return part.Size;
        }
    }

    public sealed class InCatch
    {
        public static bool Fails(Action action)
        {
            try { action(); return false; }
            catch (PartException) { return true; }
        }
    }

    [Mark(typeof(int))]
    public sealed class InAttribute;

    public sealed class InAttributeArgument { [Mark(typeof(Part))] public void Marked() { } }

    public sealed class InConstraint { public static T Same<T>(T part) where T : Part => part; }

    public sealed class InGenericCall { public static List<Part> Empty() => Enumerable.Empty<Part>().ToList(); }

    public sealed class ReadsNothing { public static int Two() => 2; }
}
