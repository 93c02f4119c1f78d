package io.asyncio4j.benchmarks;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws one PNG per suite with JFreeChart: a grid of bar charts, one panel per metric (each has
 * its own unit and axis), cases along the axis and one bar per implementation.
 */
final class Charts {
    private static final int PANEL_WIDTH = 720;
    private static final int PANEL_HEIGHT = 420;
    private static final int COLUMNS = 2;

    private Charts() {}

    /** Writes {@code <suite>.png} into {@code dir} for every suite with figures; returns the files. */
    static List<Path> draw(Map<Figure, Double> medians, Path dir, String subtitle) throws IOException {
        Map<String, Map<String, DefaultCategoryDataset>> bySuite = new LinkedHashMap<>();
        for (Map.Entry<Figure, Double> e : medians.entrySet()) {
            Figure f = e.getKey();
            String panel = f.metric() + " (" + f.unit() + ", " + (f.lowerIsBetter() ? "lower" : "higher") + " is better)";
            bySuite.computeIfAbsent(f.suite(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(panel, k -> new DefaultCategoryDataset())
                    .addValue(e.getValue(), f.impl(), f.caseName());
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Map<String, DefaultCategoryDataset>> suite : bySuite.entrySet()) {
            Path file = dir.resolve(suite.getKey() + ".png");
            ImageIO.write(render(suite.getKey(), suite.getValue(), subtitle), "png", file.toFile());
            written.add(file);
        }
        return written;
    }

    private static BufferedImage render(String suite, Map<String, DefaultCategoryDataset> panels, String subtitle) {
        int columns = Math.min(COLUMNS, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        int titleHeight = 56;
        BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, titleHeight + rows * PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
            g.drawString("asyncio4j benchmarks — " + suite, 16, 26);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(subtitle, 16, 46);
            int i = 0;
            for (Map.Entry<String, DefaultCategoryDataset> panel : panels.entrySet()) {
                JFreeChart chart = bars(panel.getKey(), panel.getValue());
                int x = (i % columns) * PANEL_WIDTH;
                int y = titleHeight + (i / columns) * PANEL_HEIGHT;
                chart.draw(g, new Rectangle2D.Double(x, y, PANEL_WIDTH, PANEL_HEIGHT));
                i++;
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static JFreeChart bars(String title, DefaultCategoryDataset data) {
        JFreeChart chart = ChartFactory.createBarChart(title, null, null, data, PlotOrientation.VERTICAL, true, true, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(new Color(0xF4F4F4));
        plot.setRangeGridlinePaint(Color.GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        return chart;
    }
}
