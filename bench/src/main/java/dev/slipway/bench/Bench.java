package dev.slipway.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Benchmarks of the shared plumbing, run against a suite started with {@code bin/slipway up}. Each
 * prints its figures with the machine's core count; docs/performance.md records them. They measure,
 * they never assert: tests do not depend on time.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        Suite suite = new Suite();
        suite.header(args[0] + (rest.isEmpty() ? "" : " " + String.join(" ", rest)));
        switch (args[0]) {
            case "event-hop" -> new EventHop(suite).run(intArg(rest, 0, 200), intArg(rest, 1, 500));
            case "branch" -> new BranchRoundTrip(suite).run(intArg(rest, 0, 30), intArg(rest, 1, 40));
            case "first-event" -> new FirstEvent(suite).run(intArg(rest, 0, 5));
            case "failover" -> new ConsumerFailover(suite).run(intArg(rest, 0, 3));
            case "rest" -> new RestThroughput(suite).run(rest.isEmpty() ? "list" : rest.get(0), intArg(rest, 1, 20));
            case "startup" -> new Startup(suite, rest.size() > 1 ? rest.get(1) : "environment-service").run(intArg(rest, 0, 3));
            case "postgres-restart" -> new PostgresRestart(suite).run(intArg(rest, 0, 20));
            case "ssh-auth-keys" -> new SshAuthKeys(suite).run(intArg(rest, 0, 100), intArg(rest, 1, 100_000), intArg(rest, 2, 2));
            case "ssh-connect" -> new SshConnect(suite).run(intArg(rest, 0, 200), intArg(rest, 1, 20));
            case "ssh-concurrent" -> new SshConcurrent(suite).run(intArg(rest, 0, 1000), intArg(rest, 1, 2));
            case "git-clone" -> new GitClone(suite).run(intArg(rest, 0, 7), intArg(rest, 1, 2));
            case "deploy" -> new DeploymentRoundTrip(suite).run(intArg(rest, 0, 100), intArg(rest, 1, 20), intArg(rest, 2, 20), intArg(rest, 3, 5));
            case "push" -> new PushToServe(suite).run(intArg(rest, 0, 30), intArg(rest, 1, 5));
            case "ticket-deploy" -> new TicketDeploy(suite).run(intArg(rest, 0, 20), intArg(rest, 1, 3));
            case "rest-journey" -> new RestThroughput(suite).journey(intArg(rest, 0, 20));
            case "kex" -> new KexCost().run(intArg(rest, 0, 50), intArg(rest, 1, 20));
            default -> usage();
        }
        System.exit(0);
    }

    private static int intArg(List<String> args, int index, int fallback) {
        return args.size() > index ? Integer.parseInt(args.get(index)) : fallback;
    }

    private static void usage() {
        System.out.println("""
                usage: bench/run <tool> [args]
                  event-hop [n] [warm] n projects created after warm unmeasured ones; project.created from commit to each consumer's inbox
                  branch [n] [warm]    n branch activities after warm unmeasured ones: request to COMPLETE (environment-service -> git host -> back)
                  first-event [n]      restart ssh-gateway n times; the first event after ready
                  failover [n]         SIGKILL + restart of ssh-gateway n times; then two instances, one killed
                  rest list|get [s]    wrk, 64 connections, s seconds: environments list or one environment vs the light endpoint
                  startup [n] [service] one service (default environment-service) started n times: start to ready, resident memory
                  postgres-restart [s] the suite's PostgreSQL restarted while a client reads and branches for s seconds
                  ssh-connect [n] [warm] ssh <project>-master true through the gateway (exec stand-in) vs a private OpenSSH sshd, alternating
                  ssh-concurrent [n] [hold] n sessions at once through the gateway, each `sleep hold; echo ok`: failures, gateway RSS
                  ssh-auth-keys [n] [keys] [rounds] ssh git@ true n times with 10 keys registered, then `keys` (default 100000), alternating (2 rounds)
                  git-clone [n] [warm] git clone of 5 000 files / 200 commits through the gateway and over OpenSSH, alternating
                  deploy [n] [warm] [envs] [rounds] n redeploys of master one at a time (empty hooks, 1 node), then envs environments
                                       redeployed at once, rounds times: deployment-requested committed -> succeeded applied, per phase
                  push [n] [warm]      step 7: n git pushes over SSH to master (empty hooks) until master shows the commit, each hop
                  ticket-deploy [n] [warm] step 7: n DEPLOY tickets to staging approved by support: -> deployment started, -> RESOLVED
                  rest-journey [s]     step 7: wrk, 64 connections, s seconds: environment list and ticket list, each vs /q/health/live
                  kex [n] [warm]       the server's half of each SSH key exchange (X25519, ML-KEM-768, sntrup761), as MINA SSHD computes it""");
    }
}
