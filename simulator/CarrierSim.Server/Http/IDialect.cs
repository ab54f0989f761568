namespace CarrierSim.Server.Http;

/// <summary>
/// One vendor's API emulated over the shared simulation. A dialect knows nothing of any
/// other dialect; the host mounts it under <c>/{Name}</c> and, optionally, at the root of a
/// port of its own.
/// </summary>
internal interface IDialect
{
    /// <summary>The dialect id: <c>dialstack</c>, <c>agentmessage</c>, <c>dialnexa</c> or <c>identitycall</c>.</summary>
    string Name { get; }

    /// <summary>A ready-to-use credential example for the start-up banner, e.g. the headers to send.</summary>
    string CredentialsHint { get; }

    /// <summary>Maps the emulated endpoints on a group whose prefix is the dialect's base URL.</summary>
    void MapEndpoints(RouteGroupBuilder group);

    /// <summary>
    /// Renders an error the host detects outside any endpoint (unknown path, body too large,
    /// unexpected failure) in this vendor's own envelope.
    /// </summary>
    IResult Error(HttpContext context, int statusCode, string message);
}
