namespace OneNetStudio.Simulator.Things;

/// <summary>A service of a thing model: the device runs it with the <see cref="Inputs"/> and answers with the <see cref="Outputs"/>.</summary>
public sealed record ServiceDefinition(string Identifier, string Name, ServiceCallType CallType, IReadOnlyList<ThingField> Inputs, IReadOnlyList<ThingField> Outputs, string Description = "");
