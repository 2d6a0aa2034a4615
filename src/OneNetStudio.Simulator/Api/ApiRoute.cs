namespace OneNetStudio.Simulator.Api;

/// <summary>One action of the API: <c>/{Namespace}?action={Action}&amp;version=1</c>, called with <see cref="Method"/>.</summary>
internal sealed record ApiRoute(string Namespace, string Action, string Method, ApiHandler Handler);
