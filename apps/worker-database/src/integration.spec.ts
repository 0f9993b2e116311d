import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/tools-database/bench';

describeCategoryThroughGateway('database', cases);
