#!/usr/bin/env python3
"""Writes a synthetic qbank corpus of N questions (~1 KB each), the same bytes every time.

Usage: gen_corpus.py N OUT.yaml
"""
import random
import sys

ROUNDS = ["phone-screen", "system-design", "architecture", "behavioural", "leadership"]
TAGS = ["system-design", "scalability", "api-design", "databases", "caching", "reliability",
        "observability", "incident-response", "testing", "ci-cd", "security", "performance",
        "mentoring", "communication", "ownership", "delivery", "migrations", "cost"]
COMPETENCIES = ["system-design", "technical-depth", "production-ownership", "code-quality",
                "technical-judgment", "leadership-influence", "pragmatism", "ownership", "communication"]
WORDS = ("latency throughput queue cache shard replica tenant budget rollout rollback incident "
         "schema index backfill contract review mentor estimate trade-off failure retry idempotent "
         "partition consistency availability dashboard alert runbook postmortem deploy canary "
         "feature flag migration service boundary owner stakeholder milestone risk metric").split()


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng, rng.randint(6, 12)) for _ in range(sentences))


def question(rng, qid):
    tags = rng.sample(TAGS, rng.randint(2, 4))
    lines = [
        f"- id: {qid}",
        f"  round: {rng.choice(ROUNDS)}",
        f"  question: {sentence(rng, rng.randint(10, 22))[:-1]}?",
        "  rationale: >-",
        f"    {paragraph(rng, 2)}",
        "  sample_answer: |-",
        f"    {paragraph(rng, 2)}",
        "",
        f"    {paragraph(rng, 2)}",
        f"  tags: [{', '.join(tags)}]",
        f"  competency: {rng.choice(COMPETENCIES)}",
        "  roles: [senior-software-engineer, senior-backend-engineer]",
        "  look_for:",
        f"    - {sentence(rng, 9)}",
        f"    - {sentence(rng, 9)}",
        "  red_flags:",
        f"    - {sentence(rng, 8)}",
        "  follow_ups:",
        f"    - {sentence(rng, 10)[:-1]}?",
    ]
    return "\n".join(lines) + "\n"


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261122)
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# Synthetic benchmark corpus: {count} questions. Generated; never commit.\n")
        for qid in range(100001, 100001 + count):
            f.write(question(rng, qid))


if __name__ == "__main__":
    main()
