package dev.cftokens.samples;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policy;

/** Scenario 4: a token a Worker uses to read Workers KV, handed to it as a secret binding. */
@ApiToken(name = "Worker KV Token")
@Policy(permissionGroups = "Workers KV Storage Read", resources = "com.cloudflare.api.account")
public interface WorkerKvToken {}
