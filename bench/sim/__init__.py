"""The spam-farm simulator's parts: word pools, base pages, forms of splice, traps, farm layouts."""
