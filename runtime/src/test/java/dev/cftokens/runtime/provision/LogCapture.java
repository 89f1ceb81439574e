package dev.cftokens.runtime.provision;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Collects what the engine logs through {@link ProvisioningEngine#LOGGER_NAME} while open. */
final class LogCapture implements AutoCloseable {
  private final Logger logger = Logger.getLogger(ProvisioningEngine.LOGGER_NAME);
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  LogCapture() {
    logger.addHandler(handler);
  }

  /** The messages logged at WARNING or above. */
  List<String> warnings() {
    return records.stream().filter(record -> record.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogRecord::getMessage).collect(Collectors.toList());
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
