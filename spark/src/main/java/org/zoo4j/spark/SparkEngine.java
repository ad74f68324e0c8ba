package org.zoo4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.zoo4j.data.EpochIterator;
import org.zoo4j.layers.runtime.Dl4jHelpers;
import org.zoo4j.train.EpochEngine;
import org.zoo4j.train.EpochMeter;

import java.io.Serializable;
import java.util.stream.IntStream;

/**
 * Trains each epoch data-parallel on Apache Spark with DL4J's {@link ParameterAveragingTrainingMaster}: the run's own
 * iterator is broadcast once; in each averaging round worker {@code w} makes the round's {@code w}-th run of
 * {@link SparkSettings#averagingFrequency()} consecutive batches (those of a single-machine epoch: same order and
 * augmentation) and trains its copy of the network on them, then the driver averages parameters and updater state
 * and sends them back for the next round. The averaged network, its updater state and the iteration count (the
 * batches trained, as on one machine: it drives the learning-rate schedule) end in the driver's network, so
 * everything around the epoch (validation, checkpoints, metrics, reports, resume) is the
 * {@link org.zoo4j.train.Trainer}'s as on one machine.
 *
 * <p>Use it as a {@code Trainer}'s or {@code TrainingRun}'s engine. A stop request takes effect at the end of an
 * epoch on Spark (there are no steps in the driver to stop after).
 */
public final class SparkEngine implements EpochEngine, AutoCloseable {

    private final JavaSparkContext spark;
    private final SparkSettings settings;
    private final boolean owned;
    private Broadcast<EpochIterator> broadcast;
    private EpochIterator broadcastOf;
    private final LongAccumulator steps;
    private final LongAccumulator images;
    private final DoubleAccumulator loss;

    /** An engine on an existing context (the caller stops it). */
    public SparkEngine(JavaSparkContext spark, SparkSettings settings) {
        this(spark, settings, false);
    }

    private SparkEngine(JavaSparkContext spark, SparkSettings settings, boolean owned) {
        this.spark = spark;
        this.settings = settings;
        this.owned = owned;
        this.steps = spark.sc().longAccumulator("zoo4j steps");
        this.images = spark.sc().longAccumulator("zoo4j images");
        this.loss = spark.sc().doubleAccumulator("zoo4j data loss");
    }

    /**
     * Connects to {@code master} ({@code local[N]}, {@code spark://HOST:PORT}, or null for the master spark-submit
     * configured); {@link #close()} stops the context. See {@link #conf}.
     */
    public static SparkEngine connect(String master, SparkSettings settings) {
        return new SparkEngine(new JavaSparkContext(conf(master)), settings, true);
    }

    /**
     * zoo4j's Spark configuration: the driver bound to 127.0.0.1 for {@code local[N]} and clusters on this machine,
     * Spark's web UI off (it would listen on every interface), executors with DL4J's layer helpers as configured here.
     * For a standalone cluster on this machine the executors get this JVM's class path (the cluster started by
     * {@code tools/spark/standalone.sh} shares the files); remote clusters get the application from spark-submit's
     * jar.
     */
    public static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setAppName("zoo4j train").set("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
        }
        String effective = conf.get("spark.master", "");
        if (effective.startsWith("local") || isLoopback(effective)) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        if (isLoopback(effective)) {
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        // executors run the layers as this JVM does (DL4J's oneDNN helpers: Zoo4jRuntime.configure() sets this)
        String helpers = "-D" + Dl4jHelpers.PROPERTY + "=" + System.getProperty(Dl4jHelpers.PROPERTY, "false");
        conf.set("spark.executor.extraJavaOptions", (conf.get("spark.executor.extraJavaOptions", "") + " "
                + helpers).trim());
        return conf;
    }

    private static boolean isLoopback(String master) {
        return master.startsWith("spark://127.") || master.startsWith("spark://localhost:");
    }

    public JavaSparkContext context() {
        return spark;
    }

    /** The number of workers training in parallel. */
    public int workers() {
        return settings.workers() > 0 ? settings.workers() : spark.defaultParallelism();
    }

    @Override
    public void fitEpoch(ComputationGraph net, DataSetIterator train, int epoch, EpochMeter meter) {
        EpochIterator data = serializable(train);
        if (broadcastOf != data) {
            if (broadcast != null) {
                broadcast.destroy();
            }
            broadcast = spark.broadcast(data);
            broadcastOf = data;
        }
        int workers = workers();
        int frequency = settings.averagingFrequency();
        int batches = data.batchesPerEpoch();
        SparkComputationGraph sparkNet = new SparkComputationGraph(spark, net, master(data.batch(), epoch));
        // one DL4J fit per averaging round, so that worker w trains the round's w-th run of consecutive batches:
        // DL4J would otherwise split the epoch into rounds at random and recompute the data for every round
        for (int start = meter.steps(); start < batches; start += workers * frequency) {
            int end = Math.min(batches, start + workers * frequency);
            JavaRDD<DataSet> round = spark.parallelize(IntStream.range(0, workers).boxed().toList(), workers)
                    .flatMap(new EpochSlice(broadcast, epoch, start, end, frequency));
            int iterations = net.getConfiguration().getIterationCount();
            try {
                ComputationGraph trained = sparkNet.fit(round);
                if (trained != net) {
                    throw new IllegalStateException("DL4J's SparkComputationGraph trained a copy of the network");
                }
                // DL4J advances the count by the averaging frequency per round, whatever the number of workers;
                // the learning-rate schedule counts the epoch's batches, so a round counts the batches it trained
                net.getConfiguration().setIterationCount(iterations + end - start);
            } finally {
                spark.getPersistentRDDs().values().forEach(rdd -> rdd.unpersist(false));
            }
            meter.count((int) steps.sum(), loss.sum(), images.sum());
            steps.reset();
            loss.reset();
            images.reset();
        }
    }

    private ParameterAveragingTrainingMaster master(int batchSize, int epoch) {
        return new ParameterAveragingTrainingMaster.Builder(batchSize).batchSizePerWorker(batchSize)
                .averagingFrequency(settings.averagingFrequency()).workerPrefetchNumBatches(settings.prefetchBatches())
                .saveUpdater(true).rddTrainingApproach(RDDTrainingApproach.Direct).repartionData(Repartition.Never)
                .rngSeed(epoch).trainingHooks(new StepCounter(steps, images, loss)).build();
    }

    private static EpochIterator serializable(DataSetIterator train) {
        if (train instanceof EpochIterator epochs && train instanceof Serializable) {
            return epochs;
        }
        throw new IllegalArgumentException("training on Spark needs zoo4j's CIFAR-10 or image-folder iterator (an "
                + "EpochIterator that serializes), got " + train.getClass().getName());
    }

    /** Stops the Spark context when {@link #connect} created it. */
    @Override
    public void close() {
        if (broadcast != null) {
            broadcast.destroy();
        }
        if (owned) {
            spark.stop();
        }
    }
}
