-- A finding's rule is read by inspectors and reviewers: the idle-land
-- transaction finding named a section of a design document they do not
-- have. It now names the law, as the overlap findings do.
UPDATE finding SET rule = '闲置土地未处置即转让、出租或抵押（《闲置土地处置办法》，国土资源部令第53号）'
WHERE kind = 'idle_transaction' AND rule LIKE 'DESIGN §4.2%';
