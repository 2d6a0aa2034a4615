namespace OneNetStudio.Core.Topics;

/// <summary>A parsed <c>$sys/{productId}/{deviceName}/thing/...</c> topic.</summary>
public readonly record struct DeviceTopic(string ProductId, string DeviceName, TopicKind Kind)
{
    public override string ToString() => OneNetTopics.Build(ProductId, DeviceName, Kind);
}
