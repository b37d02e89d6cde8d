package dev.agentcommander.desktop.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpawnFormTest {
    private static final List<String> ROOTS = List.of("/home/ana", "/srv/code");

    private static SpawnForm session(String repo, String branch, SpawnForm.Agent agent, String prompt) {
        return new SpawnForm(SpawnKind.SESSION, "h-1", ROOTS, repo, branch, "", agent, prompt, "");
    }

    private static SpawnForm job(String cwd, String prompt, String timeout) {
        return new SpawnForm(SpawnKind.JOB, "h-1", ROOTS, cwd, "", "", null, prompt, timeout);
    }

    private static List<String> problems(SpawnForm form) {
        return form.problems().stream().map(SpawnForm.Problem::text).toList();
    }

    @Test
    void aSessionInAnAllowedRepo_isTheSpawnSessionCommand_withOnlyTheFieldsGiven() {
        SpawnForm form = session(" /srv/code/api ", "feature/login", SpawnForm.Agent.CLAUDE, "fix the login bug");

        assertThat(form.problems()).isEmpty();
        assertThat(form.body()).containsExactly(Map.entry("type", "spawn_session"), Map.entry("repo", "/srv/code/api"),
                Map.entry("branch", "feature/login"), Map.entry("agent", "claude"),
                Map.entry("prompt", "fix the login bug"));
        assertThat(session("/srv/code/api", " ", SpawnForm.Agent.NONE, "ignored without an agent").body())
                .containsExactly(Map.entry("type", "spawn_session"), Map.entry("repo", "/srv/code/api"),
                        Map.entry("agent", "none"));
    }

    @Test
    void aJob_isTheSpawnJobCommand_withItsTimeoutInSeconds() {
        assertThat(job("/home/ana/site", "update the changelog", " 120 ").body()).containsExactly(
                Map.entry("type", "spawn_job"), Map.entry("cwd", "/home/ana/site"),
                Map.entry("prompt", "update the changelog"), Map.entry("timeout_s", 120));
        assertThat(job("/home/ana/site", "go", "").body()).doesNotContainKey("timeout_s");
    }

    @Test
    void aFolderOutsideTheAllowedRoots_orRelative_orMissing_saysWhatToDo() {
        assertThat(problems(session("/etc", "", SpawnForm.Agent.CLAUDE, ""))).containsExactly(
                "The repository is outside this host's allowed roots (/home/ana, /srv/code); add it to "
                        + "workspaces.allowed_roots in the host's agentd config");
        assertThat(problems(session("/home/ana/../../etc", "", SpawnForm.Agent.CLAUDE, ""))).hasSize(1);
        assertThat(problems(session("/home/anabel", "", SpawnForm.Agent.CLAUDE, ""))).hasSize(1);
        assertThat(problems(session("code/api", "", SpawnForm.Agent.CLAUDE, ""))).containsExactly(
                "The repository must be an absolute path, like /home/you/project");
        assertThat(session("", "", SpawnForm.Agent.CLAUDE, "").problems()).containsExactly(
                new SpawnForm.Problem("The repository is empty: give an absolute path", true));
    }

    @Test
    void withoutReportedRoots_anyAbsoluteFolderIsLeftToTheHostToCheck() {
        SpawnForm form = new SpawnForm(SpawnKind.SESSION, "h-1", List.of(), "/etc", "", "", null, "", "");

        assertThat(form.problems()).isEmpty();
    }

    @Test
    void aBadBranch_aJobWithoutPrompt_andABadTimeout_areRefusedBeforeSending() {
        assertThat(problems(session("/srv/code/api", "my branch", SpawnForm.Agent.NONE, ""))).containsExactly(
                "The branch name cannot hold spaces or any of ~ ^ : ? * [ \\");
        assertThat(job("/srv/code", " ", "").problems()).containsExactly(
                new SpawnForm.Problem("A Codex job needs a prompt: what should it do?", true));
        for (String timeout : List.of("0", "-5", "1.5", "ten", "86401")) {
            assertThat(problems(job("/srv/code", "go", timeout))).as(timeout).containsExactly(
                    "The timeout is a whole number of seconds between 1 and 86400");
        }
        assertThat(new SpawnForm(SpawnKind.JOB, null, List.of(), "/srv", "", "", null, "go", "").problems())
                .containsExactly(new SpawnForm.Problem("Choose a host", true));
    }
}
