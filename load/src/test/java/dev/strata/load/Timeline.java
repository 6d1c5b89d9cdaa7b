package dev.strata.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A run's requests per second: throughput, errors and latency percentiles, and its SVG plot. */
final class Timeline {

  /** One second of the run. Latencies in ms, of the requests that ended in it and succeeded. */
  record Second(int second, int ok, int errors, double p50, double p99, double max) {
  }

  private Timeline() {
  }

  static List<Second> of(List<History.Op> ops, int seconds) {
    List<List<Double>> latencies = new ArrayList<>();
    int[] errors = new int[seconds + 1];
    for (int i = 0; i <= seconds; i++) {
      latencies.add(new ArrayList<>());
    }
    for (History.Op op : ops) {
      int second = Math.min(seconds, (int) (op.end() / 1000));
      if (op.ok()) {
        latencies.get(second).add(op.end() - op.start());
      } else {
        errors[second]++;
      }
    }
    List<Second> timeline = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      double[] sorted = latencies.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      timeline.add(new Second(i, sorted.length, errors[i], percentile(sorted, 0.5), percentile(sorted, 0.99),
          sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }
    return timeline;
  }

  static double percentile(double[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
  }

  /**
   * Two panels over time: requests per second (and errors) above, p99 latency (log scale) below,
   * with the kill and the moment the server was ready again marked.
   */
  static String svg(List<Second> timeline, String title, double killAt, double readyAgainAt) {
    int width = 900;
    int panel = 200;
    int left = 60;
    int plotWidth = width - left - 20;
    int n = Math.max(1, timeline.size());
    double maxRate = Math.max(1, timeline.stream().mapToInt(s -> s.ok() + s.errors()).max().orElse(1));
    double maxP99 = Math.max(1, timeline.stream().mapToDouble(Second::p99).max().orElse(1));
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"12\">%n", width, 2 * panel + 90));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", left, escape(title)));
    int top1 = 30;
    int top2 = top1 + panel + 40;
    axes(svg, left, top1, plotWidth, panel, "requests/s", maxRate, false);
    axes(svg, left, top2, plotWidth, panel, "p99 ms (log)", maxP99, true);
    svg.append(polyline(timeline, s -> s.ok(), maxRate, false, left, top1, plotWidth, panel, n, "#2a7"));
    svg.append(polyline(timeline, s -> s.errors(), maxRate, false, left, top1, plotWidth, panel, n, "#d33"));
    svg.append(polyline(timeline, Second::p99, maxP99, true, left, top2, plotWidth, panel, n, "#36c"));
    for (double[] mark : new double[][] {{killAt, 0}, {readyAgainAt, 1}}) {
      if (mark[0] < 0) {
        continue;
      }
      double x = left + plotWidth * mark[0] / 1000 / n;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" "
          + "stroke-dasharray=\"4,3\"/>%n<text x=\"%.1f\" y=\"%d\" fill=\"#555\">%s</text>%n", x, top1, x, top2 + panel, x + 3,
          top1 + 12 + 14 * (int) mark[1], mark[1] == 0 ? "kill -9" : "ready again"));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#2a7\">ok</text><text x=\"%d\" y=\"%d\" "
        + "fill=\"#d33\">errors</text><text x=\"%d\" y=\"%d\">seconds</text>%n", left, 2 * panel + 85, left + 40,
        2 * panel + 85, left + plotWidth - 50, 2 * panel + 85));
    return svg.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder svg, int left, int top, int width, int height, String label, double max,
                           boolean log) {
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#ccc\"/>%n<text x=\"4\" y=\"%d\">%s</text>%n<text x=\"4\" y=\"%d\">%s</text>%n", left, top, width,
        height, top + 12, escape(label), top + 28, String.format(Locale.ROOT, log ? "max %.0f" : "max %.0f", max)));
  }

  private static String polyline(List<Second> timeline, java.util.function.ToDoubleFunction<Second> value, double max,
                                 boolean log, int left, int top, int width, int height, int n, String colour) {
    StringBuilder points = new StringBuilder();
    for (Second second : timeline) {
      double v = value.applyAsDouble(second);
      double fraction = log ? (v <= 0 ? 0 : Math.log1p(v) / Math.log1p(max)) : v / max;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + width * (second.second() + 0.5) / n,
          top + height * (1 - fraction)));
    }
    return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
        colour, points.toString().trim());
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;");
  }

  static double[] sortedLatencies(List<History.Op> ops) {
    double[] all = ops.stream().filter(History.Op::ok).mapToDouble(op -> op.end() - op.start()).toArray();
    Arrays.sort(all);
    return all;
  }
}
