package com.contoso.media.bench;

/** Entry point of bench/run.sh: the in-process aggregation benchmark, then the rest against one local runtime. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[1].equals("simulate")) {
            new SimulationBench().run(java.nio.file.Path.of(args[0]).toAbsolutePath().getParent().getParent()
                    .getParent().getParent().resolve("bench"));
            System.exit(0);
        }
        if (args.length >= 2 && args[1].equals("record")) {
            // args[0] is local/devhost/target/devhost.jar: the repository is three folders up from its folder.
            new ActivityRecorder().run(java.nio.file.Path.of(args[0]).toAbsolutePath().getParent().getParent()
                    .getParent().getParent().resolve("bench"));
            System.exit(0);
        }
        if (args.length < 2 || args[1].equals("aggregation")) {
            new AggregationBench().run();
        }
        if (args.length < 2 || args[1].equals("aggregation") || args[1].equals("storage")) {
            new StorageReportBench().run();
        }
        if (args.length >= 2 && (args[1].equals("aggregation") || args[1].equals("storage"))) {
            System.exit(0);
        }
        try (LocalRuntimeProcess runtime = LocalRuntimeProcess.start(args[0])) {
            if (args.length < 2 || args[1].equals("uploads")) {
                new UploadBench(runtime).run();
            }
            if (args.length < 2 || args[1].equals("transcode")) {
                new TranscodeBench(runtime).run();
            }
            if (args.length < 2 || args[1].equals("load")) {
                new LoadBench(runtime).run();
            }
        }
        System.exit(0);
    }
}
