namespace GramDynamics.Data;

/// <summary>How input features are rescaled; parsed from "none", "unit" or "standardize".</summary>
public enum FeatureScaling
{
    /// <summary>Features as read.</summary>
    None,

    /// <summary>
    /// Min-max over the whole matrix: x' = (x − min) / (max − min); for data whose minimum is 0 this is
    /// x / max.
    /// </summary>
    Unit,

    /// <summary>Per feature: zero mean and unit population variance; constant features become 0.</summary>
    Standardize,
}
