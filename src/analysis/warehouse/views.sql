-- Pairs a district target with its parent plan's target for the same indicator and year.
CREATE VIEW target_pairs AS
SELECT c.indicator_id, c.target_year,
       parent.plan_id AS parent_plan_id, c.plan_id AS plan_id,
       parent.target_id AS parent_target_id, c.target_id AS target_id,
       parent.comparator AS parent_comparator, parent.value AS parent_value,
       parent.value_high AS parent_value_high,
       c.comparator, c.value, c.value_high, c.unit,
       parent.scope_zh AS parent_scope_zh, parent.scope_en AS parent_scope_en,
       c.scope_zh, c.scope_en,
       parent.quote AS parent_quote, c.quote
FROM targets c
JOIN plans p ON p.plan_id = c.plan_id
JOIN targets parent
  ON parent.plan_id = p.parent_plan_id
 AND parent.indicator_id = c.indicator_id
 AND parent.target_year IS NOT DISTINCT FROM c.target_year;

-- Datasets are never spliced: for each area and indicator, one dataset is the chosen one, the
-- one covering the most years (then the one reaching the latest year, then the source id); the
-- others stay in statistics_ranked, shown apart, and never fill the chosen series' gaps.
CREATE VIEW dataset_choice AS
SELECT geo, indicator_id, source_id, years, first_year, last_year,
       row_number() OVER (
           PARTITION BY geo, indicator_id ORDER BY years DESC, last_year DESC, source_id
       ) AS dataset_order
FROM (
    SELECT s.geo, s.indicator_id, s.source_id, count(*) AS years,
           min(s.year) AS first_year, max(s.year) AS last_year
    FROM statistics s JOIN sources src USING (source_id)
    WHERE src.kind = 'dataset'
    GROUP BY ALL
);

-- Precedence when sources disagree: a year-end value before a snapshot of another date, then a
-- statistical bulletin, then the government's own releases and press conferences, then
-- the chosen dataset (see dataset_choice), then news reports; among equals the most recently
-- published source, then the source id (so the choice is always reproducible). Values are
-- converted to the indicator's unit with the contract's conversion factors; the source's own
-- value and unit are kept.
CREATE VIEW statistics_ranked AS
SELECT s.* REPLACE (s.value * coalesce(c.factor, 1) AS value, i.unit AS unit),
       s.value AS source_value, s.unit AS source_unit,
       s.reference_date IS NOT NULL
         AND NOT (month(s.reference_date) = 12 AND day(s.reference_date) = 31) AS is_snapshot,
       src.kind AS source_kind, src.host_quality, src.publisher, src.title AS source_title,
       src.url AS source_url, src.published_on,
       CASE src.kind WHEN 'statistical bulletin' THEN 1
                     WHEN 'government press release' THEN 2
                     WHEN 'press conference' THEN 2
                     WHEN 'dataset' THEN 3 ELSE 4 END AS source_rank,
       coalesce(d.dataset_order, 1) AS dataset_order,
       row_number() OVER (
           PARTITION BY s.geo, s.indicator_id, s.year
           ORDER BY dataset_order, is_snapshot, source_rank, src.published_on DESC NULLS LAST,
                    s.source_id
       ) AS choice,
       count(*) OVER (PARTITION BY s.geo, s.indicator_id, s.year) AS sources_for_year,
       count(DISTINCT s.value * coalesce(c.factor, 1))
         OVER (PARTITION BY s.geo, s.indicator_id, s.year) AS distinct_values
FROM statistics s
JOIN sources src USING (source_id)
JOIN indicators i USING (indicator_id)
LEFT JOIN unit_conversions c ON c.from_unit = s.unit AND c.to_unit = i.unit
LEFT JOIN dataset_choice d USING (geo, indicator_id, source_id);

CREATE VIEW statistics_chosen AS
SELECT * EXCLUDE (choice), distinct_values > 1 AS has_conflict
FROM statistics_ranked WHERE choice = 1 AND dataset_order = 1;
