package dev.slipway.environment.domain;

/** API-3. */
public enum ActivityResult {
    SUCCESS, FAILURE
}
