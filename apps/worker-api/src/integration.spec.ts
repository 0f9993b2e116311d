import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/tools-api/bench';

describeCategoryThroughGateway('api', cases);
