namespace OneNetStudio;

/// <summary>Which identity an application connects as (product.md 2.1).</summary>
public enum ScopeKind
{
    /// <summary><c>userid/{userId}</c>: every device of the account.</summary>
    User,

    /// <summary><c>projectid/{projectId}/groupid/{groupId}</c>: only the group's devices.</summary>
    Group,
}
