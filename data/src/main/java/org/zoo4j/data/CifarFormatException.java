package org.zoo4j.data;

import java.io.IOException;

/** CIFAR-10 data that is there but not what the binary format promises; the message names the file and record. */
public class CifarFormatException extends IOException {

    public CifarFormatException(String message) {
        super(message);
    }

    public CifarFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
