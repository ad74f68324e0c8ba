package org.zoo4j.train;

/** The update rules zoo4j's recipes choose from (DL4J's {@code Nesterovs}, {@code Sgd} and {@code Adam}). */
public enum Optimizer { SGD, ADAM }
