using CarrierSim.Contracts.Interop;

namespace CarrierSim.Contracts;

/// <summary>One interaction of a pact: its provider states, then its request.</summary>
public sealed class InteractionBuilder
{
    private readonly PactBuilder _pact;

    internal InteractionBuilder(PactBuilder pact, InteractionHandle handle, string description)
    {
        _pact = pact;
        Handle = handle;
        Description = description;
    }

    /// <summary>The interaction's description.</summary>
    public string Description { get; }

    internal InteractionHandle Handle { get; }

    /// <summary>Adds a provider state without parameters.</summary>
    /// <param name="state">The state's name, which the provider's state handler keys on.</param>
    /// <returns>This interaction.</returns>
    public InteractionBuilder Given(string state)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        _pact.ThrowIfUnusable();
        EngineCall.Check(_pact.Engine.Given(Handle, state), $"add provider state '{state}'");
        return this;
    }

    /// <summary>
    /// Adds a provider state with parameters. Values are written as JSON exactly as given (a string stays a
    /// string, so phone numbers keep their digits); states of the same name can be added more than once.
    /// </summary>
    /// <param name="state">The state's name, conventionally with the parameters in braces (e.g. "number {number} is available").</param>
    /// <param name="parameters">The parameters; the verifier posts them to the provider's state-change URL.</param>
    /// <returns>This interaction.</returns>
    public InteractionBuilder Given(string state, IReadOnlyDictionary<string, object?> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        ArgumentNullException.ThrowIfNull(parameters);
        _pact.ThrowIfUnusable();
        var code = _pact.Engine.GivenWithParams(Handle, state, PactJson.Serialize(parameters));
        if (code != 0)
        {
            var reason = code switch
            {
                1 => "the mock server already started",
                2 => "the parameters are not valid JSON",
                3 => "a string is not valid UTF-8",
                _ => $"error code {code}",
            };
            throw new PactException($"The Pact engine refused provider state '{state}': {reason}.");
        }

        return this;
    }

    /// <summary>Sets the request's method and path.</summary>
    /// <param name="method">The HTTP method, e.g. GET.</param>
    /// <param name="path">The path from the provider's base URL, starting with '/'. Send a '+' literally: the mock server compares paths raw.</param>
    /// <returns>The request, to add query parameters, headers and a body to.</returns>
    public RequestBuilder WithRequest(string method, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!path.StartsWith('/'))
        {
            throw new ArgumentException("The path must start with '/'.", nameof(path));
        }

        return SetRequest(method, path);
    }

    /// <summary>Sets the request's method and a path matcher (e.g. <see cref="Match.Regex"/>).</summary>
    /// <param name="method">The HTTP method, e.g. GET.</param>
    /// <param name="path">A matcher whose example is the path the mock server expects.</param>
    /// <returns>The request, to add query parameters, headers and a body to.</returns>
    public RequestBuilder WithRequest(string method, Matcher path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SetRequest(method, PactJson.SerializeSlot(path));
    }

    private RequestBuilder SetRequest(string method, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        _pact.ThrowIfUnusable();
        EngineCall.Check(_pact.Engine.WithRequest(Handle, method.ToUpperInvariant(), path), $"set the request of '{Description}'");
        return new RequestBuilder(_pact, this);
    }
}
