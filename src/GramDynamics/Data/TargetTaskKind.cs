namespace GramDynamics.Data;

/// <summary>The rule by which a <see cref="TargetTask"/> maps a label to a target.</summary>
public enum TargetTaskKind
{
    /// <summary>y = the label.</summary>
    Regression,

    /// <summary>y = −1 when the label is below a threshold, else +1.</summary>
    BinaryThreshold,

    /// <summary>y = +1 for an odd integer label, −1 for an even one.</summary>
    BinaryOdd,

    /// <summary>y = +1 for one class, −1 for every other.</summary>
    OneHot,
}
