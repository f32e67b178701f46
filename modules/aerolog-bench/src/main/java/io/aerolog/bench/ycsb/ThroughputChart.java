package io.aerolog.bench.ycsb;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** A grouped bar chart of ops/s per workload (groups) and system (bars), on a log scale. */
final class ThroughputChart {
    private ThroughputChart() {
    }

    static void write(List<YcsbResult> results, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (YcsbResult r : results) {
            data.addValue(Math.max(r.opsPerSec(), 1.0), r.system(), r.workload());
        }
        JFreeChart chart = ChartFactory.createBarChart("YCSB throughput (higher is better)", "workload",
                "ops/s (log scale)", data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis axis = new LogAxis("ops/s (log scale)");
        axis.setBase(10);
        axis.setSmallestValue(1);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // a tick per power of ten
        axis.setLowerMargin(0);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        plot.setRangeAxis(axis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setBase(1.0);
        renderer.setItemMargin(0.05);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new java.awt.Font("SansSerif", java.awt.Font.PLAIN, 9));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 600);
    }
}
