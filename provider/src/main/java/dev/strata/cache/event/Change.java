package dev.strata.cache.event;

import javax.cache.event.EventType;

/**
 * One change to one entry, as the cache observed it: the type, the key, and the new and old
 * records in the remote tier's form, decoded only if a listener wants them. For REMOVED and
 * EXPIRED the record is null and the old record is what was removed. Immutable.
 *
 * @param type      what happened
 * @param key       the application key
 * @param tierKey   the key in the remote tier's form
 * @param record    the new record, or null
 * @param oldRecord the previous record, or null
 */
public record Change(EventType type, Object key, Object tierKey, Object record, Object oldRecord) {

  public static Change created(Object key, Object tierKey, Object record) {
    return new Change(EventType.CREATED, key, tierKey, record, null);
  }

  public static Change updated(Object key, Object tierKey, Object record, Object oldRecord) {
    return new Change(EventType.UPDATED, key, tierKey, record, oldRecord);
  }

  public static Change removed(Object key, Object tierKey, Object oldRecord) {
    return new Change(EventType.REMOVED, key, tierKey, null, oldRecord);
  }

  public static Change expired(Object key, Object tierKey, Object oldRecord) {
    return new Change(EventType.EXPIRED, key, tierKey, null, oldRecord);
  }

  /** @return a CREATED or UPDATED change, depending on whether there was an old record */
  public static Change written(Object key, Object tierKey, Object record, Object oldRecord) {
    return oldRecord == null ? created(key, tierKey, record) : updated(key, tierKey, record, oldRecord);
  }
}
