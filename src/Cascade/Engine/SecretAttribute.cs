namespace Cascade.Engine;

/// <summary>
/// The parameter's value is never printed: it is masked in every line the build writes, shown without a
/// value in help and schema, and left out of the --continue record.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
