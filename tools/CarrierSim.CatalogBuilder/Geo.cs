namespace CarrierSim.CatalogBuilder;

internal static class Geo
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance in kilometres.</summary>
    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = double.DegreesToRadians(latitude1);
        var phi2 = double.DegreesToRadians(latitude2);
        var dPhi = phi2 - phi1;
        var dLambda = double.DegreesToRadians(longitude2 - longitude1);
        var a = Math.Sin(dPhi / 2) * Math.Sin(dPhi / 2) + Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(dLambda / 2) * Math.Sin(dLambda / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Rounds to the catalog's coordinate resolution (1e-5 degree, about a metre).</summary>
    public static double RoundCoordinate(double value) => Math.Round(value * 100_000) / 100_000;
}
