using OneNetStudio.Core.Topics;

namespace OneNetStudio.Core.Connection;

/// <summary>A connection scope: the MQTT username, which is also the token's <c>res</c>.</summary>
public sealed class OneNetScope : IEquatable<OneNetScope>
{
    private OneNetScope(ScopeKind kind, string? userId, string? projectId, string? groupId, string username)
    {
        Kind = kind;
        UserId = userId;
        ProjectId = projectId;
        GroupId = groupId;
        Username = username;
    }

    public ScopeKind Kind { get; }
    public string? UserId { get; }
    public string? ProjectId { get; }
    public string? GroupId { get; }
    public string Username { get; }

    public static OneNetScope ForUser(string userId)
    {
        Validate(userId, nameof(userId));
        return new OneNetScope(ScopeKind.User, userId, null, null, $"userid/{userId}");
    }

    public static OneNetScope ForGroup(string projectId, string groupId)
    {
        Validate(projectId, nameof(projectId));
        Validate(groupId, nameof(groupId));
        return new OneNetScope(ScopeKind.Group, null, projectId, groupId, $"projectid/{projectId}/groupid/{groupId}");
    }

    /// <summary>Reads a username of either documented form; false for anything else.</summary>
    public static bool TryParse(string? username, out OneNetScope? scope)
    {
        scope = null;
        var parts = username?.Split('/');
        if (parts is ["userid", var user] && OneNetTopics.ValidateSegment(user) is null)
        {
            scope = ForUser(user);
        }
        else if (parts is ["projectid", var project, "groupid", var group]
                 && OneNetTopics.ValidateSegment(project) is null && OneNetTopics.ValidateSegment(group) is null)
        {
            scope = ForGroup(project, group);
        }
        return scope is not null;
    }

    public bool Equals(OneNetScope? other) => other is not null && other.Username == Username;
    public override bool Equals(object? obj) => Equals(obj as OneNetScope);
    public override int GetHashCode() => Username.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Username;

    private static void Validate(string value, string name)
    {
        var problem = OneNetTopics.ValidateSegment(value);
        if (problem is not null)
        {
            throw new ArgumentException($"'{value}' is not a valid {name}: {problem}.", name);
        }
    }
}
