namespace CoGov.Web.Components.Chasing;

/// <summary>A chase board button that was pressed: remind or escalate, and the question it is about.</summary>
public sealed record ChasePress(string Action, string SystemKey, int Cycle, int Number);
