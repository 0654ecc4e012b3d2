// `npm run bench`: placeholder entry until the benchmark lands (issue: trust & performance).
console.log('IPDesk benchmark: not implemented yet')
