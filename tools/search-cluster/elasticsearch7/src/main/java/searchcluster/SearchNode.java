package searchcluster;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;

/**
 * Starts ONE real Elasticsearch 7.10.2 node in this JVM (via elasticsearch-cluster-runner) bound
 * to 127.0.0.1. The options are those of the OpenSearch launcher (../../../../../src/main/java/
 * searchcluster/SearchNode.java); --masters becomes cluster.initial_master_nodes.
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
        ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
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
                s.put("discovery.type", "zen");
                s.putList("discovery.seed_hosts", fSeeds.split(","));
                s.putList("cluster.initial_master_nodes", fMasters.split(","));
            }
            s.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            for (String[] kv : extra) s.put(kv[0], kv[1]);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { runner.close(); } catch (IOException e) { System.err.println(e); }
        }));
        try {
            runner.build(ElasticsearchClusterRunner.newConfigs().basePath(home).numOfNode(1)
                    .clusterName(cluster).printOnFailure());
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
