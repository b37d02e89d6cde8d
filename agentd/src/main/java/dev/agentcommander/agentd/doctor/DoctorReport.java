package dev.agentcommander.agentd.doctor;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What {@code agentd doctor} found: one result per check, in order. */
public record DoctorReport(List<CheckResult> results) {
    public DoctorReport {
        results = List.copyOf(results);
    }

    public List<CheckResult> problems() {
        return results.stream().filter(CheckResult::isProblem).toList();
    }

    /** 0 when there is no problem, else 1. */
    public int exitCode() {
        return problems().isEmpty() ? 0 : 1;
    }

    /** One line per check, then {@code N problem(s)} or {@code no problems}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(results.stream().map(CheckResult::line).toList());
        int problems = problems().size();
        lines.add(problems == 0 ? "no problems" : problems + " problem(s)");
        return lines;
    }

    public void print(PrintWriter out) {
        lines().forEach(out::println);
        out.flush();
    }
}
