using System.Text;

namespace CarrierSim.CatalogBuilder.Us;

/// <summary>
/// Normalises place names so the geocoder's localities ("St. Louis", "Hasbrouck Hts") meet
/// the rate-center and city tables' spellings ("Saint Louis", "Hasbrouck Heights"): upper
/// case, diacritics and punctuation dropped, and the abbreviations the geocoder uses spelled out.
/// </summary>
internal static class PlaceName
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["ST"] = "SAINT",
        ["STE"] = "SAINTE",
        ["FT"] = "FORT",
        ["MT"] = "MOUNT",
        ["MTN"] = "MOUNTAIN",
        ["HTS"] = "HEIGHTS",
        ["HGTS"] = "HEIGHTS",
        ["SPGS"] = "SPRINGS",
        ["SPRGS"] = "SPRINGS",
        ["JCT"] = "JUNCTION",
        ["INTERNATL"] = "INTERNATIONAL",
        ["VLG"] = "VILLAGE",
        ["CTR"] = "CENTER",
        ["PK"] = "PARK",
        ["BCH"] = "BEACH",
        ["LK"] = "LAKE",
        ["CY"] = "CITY",
        ["TWP"] = "TOWNSHIP",
        ["PT"] = "POINT",
        ["HBR"] = "HARBOR",
        ["HSE"] = "HOUSE",
        ["CT"] = "COURT",
        ["VLY"] = "VALLEY",
        ["HS"] = "HOUSE",
        ["FLS"] = "FALLS",
        ["MLS"] = "MILLS",
        ["SLPHR"] = "SULPHUR",
        ["ISLE"] = "ISLAND",
        ["IS"] = "ISLAND",
        ["N"] = "NORTH",
        ["S"] = "SOUTH",
        ["E"] = "EAST",
        ["W"] = "WEST",
    };

    /// <summary>Municipal suffixes the geocoder adds and the rate-center data leaves off ("Flint Township" → "Flint").</summary>
    private static readonly string[] MunicipalSuffixes = [" CHARTER TOWNSHIP", " TOWNSHIP", " BOROUGH", " VILLAGE"];

    /// <summary>The normalized name without a municipal suffix; null when it has none.</summary>
    public static string? WithoutMunicipalSuffix(string normalized)
    {
        foreach (var suffix in MunicipalSuffixes)
        {
            if (normalized.EndsWith(suffix, StringComparison.Ordinal) && normalized.Length > suffix.Length)
            {
                return normalized[..^suffix.Length];
            }
        }

        return null;
    }

    /// <summary>A rate-center abbreviation in comparable form: letters and digits only.</summary>
    public static string Compact(string name) => new(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public static string Normalize(string name)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        foreach (var raw in name)
        {
            var c = FoldAccent(raw);
            if (char.IsAsciiLetterOrDigit(c))
            {
                token.Append(char.ToUpperInvariant(c));
            }
            else if (c is '.' or '\'' or 'ʻ' or '’')
            {
                // "St." and "O'Fallon" keep their letters together.
                if (c == '.')
                {
                    Flush();
                }
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return string.Join(' ', tokens);

        void Flush()
        {
            if (token.Length > 0)
            {
                var text = token.ToString();
                tokens.Add(Abbreviations.GetValueOrDefault(text, text));
                token.Clear();
            }
        }
    }

    // Puerto Rican, Hawaiian and south-western names ("Mayagüez", "Hāna", "Cañon City") are
    // spelled with and without diacritics across the sources. String normalisation is not relied on because the
    // project runs with invariant globalization.
    private static char FoldAccent(char c) => c switch
    {
        'á' or 'à' or 'â' or 'ä' or 'ã' or 'å' or 'ā' or 'Á' or 'À' or 'Â' or 'Ä' or 'Ã' or 'Å' or 'Ā' => 'A',
        'é' or 'è' or 'ê' or 'ë' or 'ē' or 'É' or 'È' or 'Ê' or 'Ë' or 'Ē' => 'E',
        'í' or 'ì' or 'î' or 'ï' or 'ī' or 'Í' or 'Ì' or 'Î' or 'Ï' or 'Ī' => 'I',
        'ó' or 'ò' or 'ô' or 'ö' or 'õ' or 'ō' or 'Ó' or 'Ò' or 'Ô' or 'Ö' or 'Õ' or 'Ō' => 'O',
        'ú' or 'ù' or 'û' or 'ü' or 'ū' or 'Ú' or 'Ù' or 'Û' or 'Ü' or 'Ū' => 'U',
        'ñ' or 'Ñ' => 'N',
        'ç' or 'Ç' => 'C',
        _ => c,
    };
}
