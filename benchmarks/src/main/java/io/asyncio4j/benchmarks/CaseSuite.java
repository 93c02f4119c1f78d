package io.asyncio4j.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A suite of in-process cases (tasks, timers, sync, bridge): each run starts one process per
 * (round, case, implementation) with {@code --case C --n N --warmup W --warmup-seconds S}; the
 * runner warms up (at least W runs and S seconds), measures once and prints JSON lines. Rounds
 * are interleaved: round 1 runs A, B, C, then round 2 runs A, B, C again, so slow drift on a shared machine hits every implementation alike.
 */
final class CaseSuite implements Suite {

    /** A case and its operation count in quick and full runs. */
    record Case(String name, int quickN, int fullN) {}

    private final String name;
    private final String reference;
    private final List<Impl> impls;
    private final List<Case> cases;

    CaseSuite(String name, String reference, List<Impl> impls, List<Case> cases) {
        this.name = name;
        this.reference = reference;
        this.impls = impls;
        this.cases = cases;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String reference() {
        return reference;
    }

    @Override
    public List<Impl> impls() {
        return impls;
    }

    @Override
    public void run(Settings s, Results results) throws InterruptedException {
        // Five runs, not two: a create+gather of 100 000 tasks measured after two runs was still
        // partly interpreted/C1 code on a loaded machine (15 us/task instead of 0.8; README "Profile").
        int warmup = s.quick() ? 1 : 5;
        String warmupSeconds = s.quick() ? "0.3" : "2.0";
        for (int round = 1; round <= s.rounds(); round++) {
            for (Case c : cases) {
                int n = s.quick() ? c.quickN() : c.fullN();
                for (Impl impl : impls) {
                    if (!s.selected(impl) || !impl.supports(c.name())) continue;
                    System.out.printf("  [%s r%d] %-10s %-22s n=%d%n", name, round, c.name(), impl.name(), n);
                    List<String> cmd = new ArrayList<>(impl.command());
                    cmd.addAll(List.of("--case", c.name(), "--n", Integer.toString(n), "--warmup", Integer.toString(warmup),
                            "--warmup-seconds", warmupSeconds));
                    String label = name + "-" + c.name() + "-" + impl.name() + "-r" + round;
                    try {
                        List<Map<String, Object>> rows = s.launcher().runJsonLines(label, cmd, s.quick() ? 90 : 300);
                        if (rows.isEmpty()) results.failed(name, impl.name(), c.name(), "printed no figures");
                        for (Map<String, Object> row : rows) {
                            Figure f = new Figure(name, (String) row.get("case"), impl.name(),
                                    (String) row.get("metric"), (String) row.get("unit"));
                            results.add(f, (Double) row.get("value"));
                        }
                    } catch (IOException | RuntimeException e) {
                        results.failed(name, impl.name(), c.name(), e.getMessage());
                    }
                }
            }
        }
    }
}
