package com.contoso.media.bench;

/** Entry point of bench/run.sh: every benchmark against one local runtime process. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalRuntimeProcess runtime = LocalRuntimeProcess.start(args[0])) {
            if (args.length < 2 || args[1].equals("uploads")) {
                new UploadBench(runtime).run();
            }
            if (args.length < 2 || args[1].equals("transcode")) {
                new TranscodeBench(runtime).run();
            }
        }
        System.exit(0);
    }
}
