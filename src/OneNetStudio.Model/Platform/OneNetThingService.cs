namespace OneNetStudio;

/// <summary>A service of a product's thing model: what it takes, what it answers, and whether a call waits for the answer.</summary>
public sealed class OneNetThingService
{
    internal OneNetThingService()
    {
    }

    public required string ProductId { get; init; }
    public required string Name { get; init; }
    public string? DisplayName { get; internal init; }
    public string? Description { get; internal init; }
    public ServiceCallType CallType { get; internal init; }
    public OneNetThingParameter[] Input { get; internal init; } = [];
    public OneNetThingParameter[] Output { get; internal init; } = [];

    public override string ToString() => $"{Name} ({CallType})";
}
