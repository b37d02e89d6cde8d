package dev.agentcommander.schema.model;

/** Git state of a session's working directory; null fields are unknown. */
public record GitInfo(String repo, String branch, Boolean dirty) {
}
