namespace OneNetStudio.Core.Http;

/// <summary>
/// An application API was called by a user identity that names no project. Every application API works inside one
/// project (a project-group identity has its own); a user identity must say which.
/// </summary>
public sealed class OneNetProjectRequiredException : InvalidOperationException
{
    public OneNetProjectRequiredException(string action, string username)
        : base($"{action} needs a project id: the platform's application API works inside one project, and the identity {username} names none. Give the id of the project whose devices you mean.")
    {
        Action = action;
    }

    public string Action { get; }
}
