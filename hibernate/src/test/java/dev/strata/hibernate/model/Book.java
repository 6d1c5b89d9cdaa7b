package dev.strata.hibernate.model;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import java.math.BigDecimal;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;

/** An unversioned entity in a NONSTRICT_READ_WRITE region, with a cached natural id. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.NONSTRICT_READ_WRITE)
@NaturalIdCache
public class Book {
  @Id
  @GeneratedValue
  private Long id;

  @NaturalId
  private String isbn;

  private String title;

  private BigDecimal price;

  @ManyToOne(fetch = FetchType.LAZY)
  private Author author;

  protected Book() {
  }

  public Book(String isbn, String title, BigDecimal price, Author author) {
    this.isbn = isbn;
    this.title = title;
    this.price = price;
    this.author = author;
  }

  public Long getId() {
    return id;
  }

  public String getIsbn() {
    return isbn;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public Author getAuthor() {
    return author;
  }
}
