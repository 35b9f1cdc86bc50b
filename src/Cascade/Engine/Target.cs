namespace Cascade.Engine;

/// <summary>
/// A target as NUKE writes it: <c>Target Build => _ => _.DependsOn(Plan).Executes(...)</c>.
/// The engine calls the delegate once with a fresh definition to learn what the target is.
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition _);
