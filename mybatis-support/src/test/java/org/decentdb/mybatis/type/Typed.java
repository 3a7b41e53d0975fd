/* A row with one column per type of the type matrix, for the type handler round trips. */
package org.decentdb.mybatis.type;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

public class Typed {
  public enum Mood { HAPPY, SAD }

  public enum Level implements CodedEnum {
    LOW(10), HIGH(20);
    private final long code;
    Level(long code) { this.code = code; }
    @Override public long code() { return code; }
  }

  private long id;
  private Instant instant;
  private LocalDateTime localDateTime;
  private OffsetDateTime offsetDateTime;
  private LocalDate localDate;
  private LocalTime localTime;
  private UUID uuid;
  private BigDecimal amount;
  private Boolean flag;
  private Mood mood;
  private Level level;

  public long getId() { return id; }
  public void setId(long id) { this.id = id; }
  public Instant getInstant() { return instant; }
  public void setInstant(Instant instant) { this.instant = instant; }
  public LocalDateTime getLocalDateTime() { return localDateTime; }
  public void setLocalDateTime(LocalDateTime v) { this.localDateTime = v; }
  public OffsetDateTime getOffsetDateTime() { return offsetDateTime; }
  public void setOffsetDateTime(OffsetDateTime v) { this.offsetDateTime = v; }
  public LocalDate getLocalDate() { return localDate; }
  public void setLocalDate(LocalDate localDate) { this.localDate = localDate; }
  public LocalTime getLocalTime() { return localTime; }
  public void setLocalTime(LocalTime localTime) { this.localTime = localTime; }
  public UUID getUuid() { return uuid; }
  public void setUuid(UUID uuid) { this.uuid = uuid; }
  public BigDecimal getAmount() { return amount; }
  public void setAmount(BigDecimal amount) { this.amount = amount; }
  public Boolean getFlag() { return flag; }
  public void setFlag(Boolean flag) { this.flag = flag; }
  public Mood getMood() { return mood; }
  public void setMood(Mood mood) { this.mood = mood; }
  public Level getLevel() { return level; }
  public void setLevel(Level level) { this.level = level; }
}
