using DotNet.Testcontainers.Networks;
using Testcontainers.PostgreSql;

namespace CarrierSim.Testcontainers;

/// <summary>
/// A PostgreSQL container for simulators that share their state (<see cref="CarrierSimBuilder.WithPostgreSql(INetwork, string, string, string, string)"/>).
/// </summary>
public static class CarrierSimPostgreSql
{
    /// <summary>The image used when <see cref="ImageEnvironmentVariable"/> is not set.</summary>
    public const string DefaultImage = "postgres:17";

    /// <summary>The environment variable that names the PostgreSQL image, e.g. <c>carriersim-postgres:ci</c> (built by <c>.ci/docker.sh</c> where no registry is reachable).</summary>
    public const string ImageEnvironmentVariable = "CARRIERSIM_POSTGRES_IMAGE";

    /// <summary>The database container's alias on the network, unless another is given.</summary>
    public const string DefaultNetworkAlias = "carriersim-postgres";

    /// <summary>The image named by <c>CARRIERSIM_POSTGRES_IMAGE</c>, or <c>postgres:17</c>.</summary>
    public static string Image => Environment.GetEnvironmentVariable(ImageEnvironmentVariable) is { Length: > 0 } image ? image : DefaultImage;

    /// <summary>
    /// A PostgreSQL container builder on <paramref name="network"/> under <paramref name="networkAlias"/>, with the
    /// module's default database, user and password (those <see cref="CarrierSimBuilder.WithPostgreSql(INetwork, string, string, string, string)"/>
    /// assumes). Configure it further as any <see cref="PostgreSqlBuilder"/>; pass changed credentials to <c>WithPostgreSql</c> too.
    /// </summary>
    /// <param name="network">The network the simulators will join.</param>
    /// <param name="networkAlias">The database's host name on that network.</param>
    /// <returns>The builder.</returns>
    public static PostgreSqlBuilder CreateBuilder(INetwork network, string networkAlias = DefaultNetworkAlias)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(networkAlias);
        return new PostgreSqlBuilder(Image).WithNetwork(network).WithNetworkAliases(networkAlias);
    }
}
