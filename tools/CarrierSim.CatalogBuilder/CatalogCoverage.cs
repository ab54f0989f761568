using CarrierSim.Core.Numbering;

namespace CarrierSim.CatalogBuilder;

/// <summary>How completely the catalog's exchanges are tied to rate centers, LATAs and ZIPs.</summary>
internal sealed record CatalogCoverage(int Exchanges, int WithRateCenter, int WithLata, int WithZip, int Complete)
{
    /// <summary>Share of exchanges with a rate center, a LATA and at least one ZIP.</summary>
    public double Share => Exchanges == 0 ? 0 : (double)Complete / Exchanges;

    public static CatalogCoverage Measure(NumberingCatalog catalog)
    {
        var zipped = new bool[catalog.RateCenters.Count];
        foreach (var zip in catalog.Zips)
        {
            foreach (var index in zip.RateCenterIndexes)
            {
                zipped[index] = true;
            }
        }

        int withRateCenter = 0, withLata = 0, withZip = 0, complete = 0;
        foreach (var exchange in catalog.Exchanges)
        {
            if (exchange.RateCenterIndex < 0)
            {
                continue;
            }

            withRateCenter++;
            var hasLata = catalog.RateCenters[exchange.RateCenterIndex].Lata.Value > 0;
            var hasZip = zipped[exchange.RateCenterIndex];
            withLata += hasLata ? 1 : 0;
            withZip += hasZip ? 1 : 0;
            complete += hasLata && hasZip ? 1 : 0;
        }

        return new CatalogCoverage(catalog.Exchanges.Count, withRateCenter, withLata, withZip, complete);
    }
}
