namespace CarrierSim.AdminClient;

public sealed partial class CarrierSimAdminClient
{
    /// <summary>Lists tenants (<c>GET /__admin/accounts</c>): declared ones and those created by a first request.</summary>
    /// <param name="dialect">Only tenants of this dialect.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tenants.</returns>
    public Task<IReadOnlyList<SimulatorAccount>> ListAccountsAsync(string? dialect = null, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<SimulatorAccount>>("__admin/accounts" + Query(("dialect", dialect)), cancellationToken);

    /// <summary>Declares a tenant with its keys and properties (<c>POST /__admin/accounts</c>).</summary>
    /// <param name="account">The tenant.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tenant as the server stored it.</returns>
    /// <exception cref="CarrierSimAdminException">400 when the dialect is unknown or the id missing.</exception>
    public Task<SimulatorAccount> CreateAccountAsync(AccountDefinition account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return SendAsync<SimulatorAccount>(HttpMethod.Post, "__admin/accounts", Json(account), cancellationToken);
    }

    /// <summary>Reads one tenant (<c>GET /__admin/accounts/{dialect}/{id}</c>).</summary>
    /// <param name="dialect">The tenant's dialect.</param>
    /// <param name="id">The tenant id as <see cref="ListAccountsAsync"/> shows it (it may contain <c>/</c>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tenant.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such tenant.</exception>
    public Task<SimulatorAccount> GetAccountAsync(string dialect, string id, CancellationToken cancellationToken = default) =>
        GetAsync<SimulatorAccount>(AccountPath(dialect, id), cancellationToken);

    /// <summary>Sets a tenant's credit (<c>POST /__admin/accounts/{dialect}/{id}</c>).</summary>
    /// <param name="dialect">The tenant's dialect.</param>
    /// <param name="id">The tenant id as <see cref="ListAccountsAsync"/> shows it.</param>
    /// <param name="credit">The new credit; zero makes purchases fail for lack of funds.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated tenant.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such tenant.</exception>
    public Task<SimulatorAccount> SetCreditAsync(string dialect, string id, decimal credit, CancellationToken cancellationToken = default) =>
        SendAsync<SimulatorAccount>(HttpMethod.Post, AccountPath(dialect, id), Json(new { credit }), cancellationToken);

    /// <summary>
    /// Deletes a tenant with everything it holds (<c>DELETE /__admin/accounts/{dialect}/{id}</c>): its
    /// numbers go back to the pool, its orders and records are forgotten. A zero-config tenant's key
    /// gets a fresh tenant on its next request; a declared account starts afresh from its declaration.
    /// </summary>
    /// <param name="dialect">The tenant's dialect.</param>
    /// <param name="id">The tenant id as <see cref="ListAccountsAsync"/> shows it.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What was removed.</returns>
    /// <exception cref="CarrierSimAdminException">404 when there is no such tenant.</exception>
    public Task<DeletedAccount> DeleteAccountAsync(string dialect, string id, CancellationToken cancellationToken = default) =>
        SendAsync<DeletedAccount>(HttpMethod.Delete, AccountPath(dialect, id), null, cancellationToken);

    // Tenant ids may contain '/' (DialStack: key/account); the route takes the rest of the path,
    // so each segment is escaped and the slashes are kept.
    private static string AccountPath(string dialect, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialect);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return $"__admin/accounts/{Segment(dialect)}/{string.Join('/', id.Split('/').Select(Segment))}";
    }
}
