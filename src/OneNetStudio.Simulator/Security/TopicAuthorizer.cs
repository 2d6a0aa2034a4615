using OneNetStudio.Core.Topics;

namespace OneNetStudio.Simulator.Security;

/// <summary>The platform's ACL: which topics an application may subscribe and publish to.</summary>
internal static class TopicAuthorizer
{
    public static bool CanSubscribe(SimulatorPrincipal principal, string topicFilter) =>
        !ContainsWildcard(topicFilter)
        && OneNetTopics.TryParse(topicFilter, out var topic)
        && OneNetTopics.IsSubscribable(topic.Kind)
        && principal.CanSee(topic.ProductId, topic.DeviceName);

    public static bool CanPublish(SimulatorPrincipal principal, string topicName, out DeviceTopic topic) =>
        OneNetTopics.TryParse(topicName, out topic)
        && OneNetTopics.IsPublishable(topic.Kind)
        && principal.CanSee(topic.ProductId, topic.DeviceName);

    private static bool ContainsWildcard(string topic) => topic.AsSpan().IndexOfAny('+', '#') >= 0;
}
