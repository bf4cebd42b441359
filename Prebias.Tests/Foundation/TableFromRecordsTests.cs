using System.Text.Json;
using Prebias.Api.Contracts;
using Prebias.Api.Tables;
using Prebias.Core.SampleMetrics;

namespace Prebias.Tests.Foundation;

/// <summary>Tables built from records keep the column names, order and types the hand-typed lists had.</summary>
public sealed class TableFromRecordsTests
{
    [Fact]
    public void FromRecords_WritesTheLossesCsv_WithTheJsonNamesInOrder()
    {
        var table = Table.FromRecords([new LossResponse(1, 2.5, 2.75, 5e-4, 0.75), new LossResponse(2, 2.25, null, 4e-4, double.NaN)]);

        Assert.Equal(["step", "loss", "valLoss", "learningRate", "gradNorm"], table.Columns.Select(c => c.Name).ToArray());
        Assert.Equal([typeof(long), typeof(double), typeof(double), typeof(double), typeof(double)],
            table.Columns.Select(c => c.Type).ToArray());
        Assert.Equal("step,loss,valLoss,learningRate,gradNorm\n1,2.5,2.75,0.0005,0.75\n2,2.25,,0.0004,\n",
            TableResult.ToCsv(table));
    }

    [Fact]
    public void FromRecords_UsesAnotherNamingPolicy_WhenGivenOne()
    {
        var table = Table.FromRecords([new LossResponse(1, 2.5, null, 5e-4, 0.75)], JsonNamingPolicy.SnakeCaseLower);

        Assert.Equal(["step", "loss", "val_loss", "learning_rate", "grad_norm"], table.Columns.Select(c => c.Name).ToArray());
    }

    [Fact]
    public void FromRecords_NamesColumnsAsTheJson_AndTypesNullablesByTheirValueType()
    {
        var table = Table.FromRecords([new MetricSummary("sentiment", 3, 0.5, null, 0, 0.1, 0.2, 0.5, 0.7, 0.9, 1)]);

        Assert.Equal(["metric", "count", "mean", "std", "min", "p05", "p25", "median", "p75", "p95", "max"], table.Columns.Select(c => c.Name).ToArray());
        Assert.Equal(typeof(long), table.Columns[1].Type);
        Assert.Equal(typeof(double), table.Columns[3].Type);
        Assert.Null(Assert.Single(table.Rows)[3]);
    }
}
