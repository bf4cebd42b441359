namespace Prebias.Core.Plots;

/// <summary>Options of <see cref="AssociationHeatmapPlot"/>.</summary>
public sealed record AssociationPlotOptions : PlotOptions;
