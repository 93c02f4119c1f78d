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
import java.text.DecimalFormat;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws one PNG per suite with JFreeChart: a grid of bar charts, one panel per metric (each has
 * its own unit and axis), cases along the axis and one bar per implementation.
 */
final class Charts {
    private static final int PANEL_WIDTH = 720;
    private static final int PANEL_HEIGHT = 420;
    private static final int COLUMNS = 2;
    /** One colour per implementation, the same in every panel of a suite (Tableau 10). */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
        new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC),
    };

    private Charts() {}

    /** Writes {@code <suite>.png} into {@code dir} for every suite with figures; returns the files. */
    static List<Path> draw(Map<Figure, Double> medians, Path dir, String subtitle) throws IOException {
        Map<String, Map<String, DefaultCategoryDataset>> bySuite = new LinkedHashMap<>();
        Map<String, List<String>> implsBySuite = new LinkedHashMap<>();
        for (Map.Entry<Figure, Double> e : medians.entrySet()) {
            Figure f = e.getKey();
            List<String> impls = implsBySuite.computeIfAbsent(f.suite(), k -> new ArrayList<>());
            if (!impls.contains(f.impl())) impls.add(f.impl());
            String panel = f.metric() + " (" + f.unit() + ", " + (f.lowerIsBetter() ? "lower" : "higher") + " is better)";
            bySuite.computeIfAbsent(f.suite(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(panel, k -> new DefaultCategoryDataset())
                    .addValue(e.getValue(), f.impl(), f.caseName());
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Map<String, DefaultCategoryDataset>> suite : bySuite.entrySet()) {
            Path file = dir.resolve(suite.getKey() + ".png");
            List<String> impls = implsBySuite.get(suite.getKey());
            ImageIO.write(render(suite.getKey(), suite.getValue(), impls, subtitle), "png", file.toFile());
            written.add(file);
        }
        return written;
    }

    private static BufferedImage render(String suite, Map<String, DefaultCategoryDataset> panels, List<String> impls,
                                        String subtitle) {
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
                JFreeChart chart = bars(panel.getKey(), panel.getValue(), impls);
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

    private static JFreeChart bars(String title, DefaultCategoryDataset data, List<String> impls) {
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
        for (int row = 0; row < data.getRowCount(); row++) {
            int index = impls.indexOf((String) data.getRowKey(row));
            renderer.setSeriesPaint(row, PALETTE[Math.floorMod(index, PALETTE.length)]);
        }
        // Each bar carries its value, written upwards so ten bars per case stay readable.
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.#")));
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(
                ItemLabelAnchor.OUTSIDE12, TextAnchor.CENTER_LEFT, TextAnchor.CENTER_LEFT, -Math.PI / 2));
        plot.getRangeAxis().setUpperMargin(0.25);
        return chart;
    }
}
